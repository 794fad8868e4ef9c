"""The Upload page's views: the form's choices, the mapping, the preview, the problems."""
