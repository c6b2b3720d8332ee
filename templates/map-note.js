/* argmap: the map page's content note. Its button hides the note; focus then moves to the
   page's title, so a keyboard reader goes on from the top of the page rather than from
   nowhere. Nothing is stored: the note is there again on the next visit. */
(function () {
  "use strict";
  var note = document.getElementById("am-content-note");
  if (!note) { return; }
  note.querySelector("button").addEventListener("click", function () {
    note.hidden = true;
    var title = document.querySelector(".am-header h1");
    if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
  });
}());
