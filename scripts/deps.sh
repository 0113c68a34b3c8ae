#!/usr/bin/env bash
# Installs what is missing: uv, the locked Python environment, GNU gettext (message catalogues).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1; then
  echo "Installing uv…"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi
uv sync --frozen --quiet

apt_install() {
  if [ "$(id -u)" = "0" ]; then
    (apt-get install -y -qq "$@" >/dev/null 2>&1) || (apt-get update -qq >/dev/null && apt-get install -y -qq "$@" >/dev/null)
  else
    sudo apt-get install -y -qq "$@"
  fi
}
command -v msgfmt >/dev/null 2>&1 || { echo "Installing gettext…"; apt_install gettext; }
# WeasyPrint (PDFs) needs Pango and at least one font.
if ! ldconfig -p | grep -q libpango-1.0 || ! [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing Pango and DejaVu fonts for PDFs…"; apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi
# Without HarfBuzz-Subset WeasyPrint subsets the embedded fonts with fontTools (pure Python):
# about 1 s more per quality report and 3x slower small PDFs (tests/benchmarks/RESULTS.md).
if ! ldconfig -p | grep -q libharfbuzz-subset; then
  echo "Installing HarfBuzz-Subset for PDFs…"; apt_install libharfbuzz-subset0
fi
# Compiled catalogues are build output; compile them when a .po is newer than its .mo.
for po in locale/*/LC_MESSAGES/django.po; do
  [ -f "$po" ] || continue
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then msgfmt --check -o "$mo" "$po"; fi
done
