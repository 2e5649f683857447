// A page showing a form's problems answers the form's POST. It takes the address of the
// page the form was sent from (`data-form-page`) as its own in the browser's history, so that
// Back (after the form is fixed and saved) or Reload opens that page afresh: not this copy
// with problems since fixed, nor a prompt to send the form again. The server sends these
// pages `Cache-Control: no-store`, so the browser keeps no copy of them either.
const formPage = document.body.dataset.formPage;
if (formPage) history.replaceState(history.state, "", formPage);
