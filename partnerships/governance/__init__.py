"""The partnership's governance (issue 16): bodies and their members, meetings with agendas,
attendance, minutes, numbered decisions and actions, and the policy document (opleidingsplan,
professionaliseringsplan, kwaliteitszorgplan) as a living document.

Other apps never get imported from here: they record their approvals as decisions through
``partnerships.governance.services`` and fill chapters of the plan and the links an agenda item
can point at through ``partnerships.governance.registry`` when they load."""
