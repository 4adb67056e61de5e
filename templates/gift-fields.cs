<?cs # gift-fields.cs — the donate form's fields (cmd.c's GIFT keys), inside the form of each page
  that takes a gift (/donate, a themed activity's page, a personal page): preset amounts or any
  amount, name, anonymity, mobile, message. Set by gift_form() (public/gift.c).
  needs: Presets.* Amount Invalid.Typed
?><?cs include:"fields.cs" ?><fieldset<?cs call:group("amount") ?>><legend>金额（元）</legend><?cs
  call:field_error("amount") ?>
<?cs each:p = Presets ?><label class="tick preset"><input type="radio" name="amount" value="<?cs
  var:p ?>"<?cs if:Amount == p ?> checked<?cs /if ?>> <?cs var:p ?> 元</label><?cs /each ?>
</fieldset>
<label>或者填写其他金额（1 到 1,000,000 元，<?cs #
?>最多两位小数） <input type="text"<?cs call:field("amount_other") ?><?cs
  call:typed("amount_other") ?> inputmode="decimal" maxlength="12" placeholder="例如 52.50"><?cs
  call:field_error("amount_other") ?></label>
<label>姓名（选填，用于票据） <input type="text"<?cs call:field("name") ?> maxlength="32"><?cs
  call:field_error("name") ?></label>
<label class="tick"><input type="checkbox"<?cs call:field("anonymous") ?> value="1"<?cs
  if:Invalid.Typed.anonymous ?> checked<?cs /if ?>> 在公开的捐赠名单中匿名</label>
<label>手机号（选填，用于接收票据） <input type="text"<?cs call:field("mobile") ?><?cs #
  ?> inputmode="numeric" maxlength="11"><?cs call:field_error("mobile") ?></label>
<label>留言（选填，最多 200 字，会公开显示） <textarea<?cs call:field("message") ?><?cs #
  ?> maxlength="200" rows="3"></textarea><?cs call:field_error("message") ?></label>
<?cs call:pay_choice() ?>
