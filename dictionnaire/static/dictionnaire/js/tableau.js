// « Projeter au tableau »: reload the board every few seconds to show the pupils arriving (the page has a refresh
// link for browsers without JavaScript).
(function () {
  var board = document.querySelector("[data-board-refresh]");
  if (!board) return;
  var seconds = parseInt(board.getAttribute("data-board-refresh"), 10) || 10;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
