// Small behaviours shared by every page. No inline handlers: the Content-Security-Policy
// allows scripts from this site only ('self').
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
