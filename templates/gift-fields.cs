<?cs # gift-fields.cs — the donate form's fields (cmd.c's GIFT keys), inside the form of each page
  that takes a gift (/donate, a themed activity's page, a personal page): preset amounts or any
  amount, name, anonymity, mobile, message. Set by gift_form() (public/gift.c).
  needs: Presets.* Amount
?><fieldset><legend>金额（元）</legend>
<?cs each:p = Presets ?><label class="tick preset"><input type="radio" name="amount" value="<?cs
  var:p ?>"<?cs if:Amount == p ?> checked<?cs /if ?>> <?cs var:p ?> 元</label><?cs /each ?>
</fieldset>
<label>或者填写其他金额（1 到 1,000,000 元，<?cs #
?>最多两位小数） <input type="text" name="amount_other" inputmode="decimal" maxlength="12" placeholder="例如 52.50"></label>
<label>姓名（选填，用于票据） <input type="text" name="name" maxlength="32"></label>
<label class="tick"><input type="checkbox" name="anonymous" value="1"> 在公开的捐赠名单中匿名</label>
<label>手机号（选填，用于接收票据） <input type="text" name="mobile" inputmode="numeric" maxlength="11"></label>
<label>留言（选填，最多 200 字，会公开显示） <textarea name="message" maxlength="200" rows="3"></textarea></label>
