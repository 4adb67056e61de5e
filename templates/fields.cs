<?cs # fields.cs — a form's fields tied to their errors, when refused input draws the form again
  (cgi/worker.c form_again): a field's id and name with aria-invalid and aria-describedby, a
  group's, the value typed, the message at the field. Included by each form's template, or by the
  fields' own file where a form's fields are shared (gift-fields.cs, page-form.cs,
  admin-visit-form.cs), never by both. A macro's parameters are declared by its callers.
  needs: Invalid.At Invalid.Typed Pay.Offered.*.name Pay.Offered.*.label Pay.Picked
?><?cs #
  A form field's id and name, and once refused, aria-invalid and aria-describedby naming its
  message.
?><?cs def:field(name) ?> id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs
  if:Invalid.At[name] ?> aria-invalid="true" aria-describedby="f-<?cs var:name ?>-error"<?cs
  /if ?><?cs /def ?><?cs #
  A group of radio buttons or ticks, as its fieldset: its id, and its message once refused.
?><?cs def:group(name) ?> id="f-<?cs var:name ?>"<?cs if:Invalid.At[name] ?> class="invalid" <?cs #
  ?>aria-describedby="f-<?cs var:name ?>-error"<?cs /if ?><?cs /def ?><?cs #
  The value the person typed, when the form comes back (never a secret key's: the worker's
  form_data).
?><?cs def:typed(name) ?><?cs if:Invalid.Typed[name] ?> value="<?cs
  var:Invalid.Typed[name] ?>"<?cs /if ?><?cs /def ?><?cs #
  A field's message, inside its label or next to it, for aria-describedby.
?><?cs def:field_error(name) ?><?cs if:Invalid.At[name] ?><span class="field-error" id="f-<?cs
  var:name ?>-error"><?cs var:Invalid.At[name] ?></span><?cs /if ?><?cs /def ?><?cs #
  The payment providers to choose from, in a form that starts a payment (gift-fields.cs,
  sponsor.cs); nothing when the site offers one. Set by pay_offer() (cgi/pay/ui-pay-return.c).
?><?cs def:pay_choice() ?><?cs if:subcount(Pay.Offered) > 1 ?>
<fieldset<?cs call:group("provider") ?>><legend>支付方式</legend><?cs
  call:field_error("provider") ?>
<?cs each:p = Pay.Offered ?><label class="tick"><input type="radio" name="provider" value="<?cs
  var:p.name ?>"<?cs if:Pay.Picked == p.name ?> checked<?cs /if ?>> <?cs var:p.label ?></label>
<?cs /each ?></fieldset><?cs /if ?><?cs /def ?>
