app_name = "feed"

urlpatterns = []
