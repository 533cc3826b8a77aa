// Small behaviour that CSP allows ('self' only, no inline script).
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce it after a failed submit.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
document.addEventListener("htmx:afterSwap", (event) => {
  const summary = event.detail.target.querySelector && event.detail.target.querySelector(".oi-error-summary, .utrecht-form-field--invalid input, .utrecht-form-field--invalid select");
  if (summary) summary.focus();
});
// A button that prints the page (the credentials slip of the aanbiedersportaal).
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
