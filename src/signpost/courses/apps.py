from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "signpost.courses"
    label = "courses"
    verbose_name = "Course directory"

    def ready(self) -> None:
        from signpost.courses import search_selectors
        from signpost.courses.signals import course_directory_changed

        # The course search keeps some counts a few minutes; a change makes it count afresh.
        course_directory_changed.connect(search_selectors.forget_counts, dispatch_uid="course-search-counts")
