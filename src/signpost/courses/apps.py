from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "signpost.courses"
    label = "courses"
    verbose_name = "Course directory"
