"""The episode preview: ``index.html`` (:mod:`.page`) and ``timeline.png`` (:mod:`.timeline`)."""
