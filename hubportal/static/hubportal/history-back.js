// "Back to editing" on the admin's preview page: the browser keeps what was typed.
document.querySelectorAll("[data-history-back]").forEach(function (button) {
  button.addEventListener("click", function () { history.back(); });
});
