<?cs # donate.cs — GET /donate: a gift to the sponsorship fund, with preset amounts or any amount.
  needs: Presets.* Amount
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>我要捐赠</h1>
<p>捐给“童享阳光”助养基金，用于尚未结对的困境儿童。每一笔捐赠都有电子票据，并在<a href="/donations">捐赠查询</a>中公开。</p>
<form method="post" action="/donate" class="stack">
<?cs call:csrf() ?>
<fieldset><legend>金额（元）</legend>
<?cs each:p = Presets ?><label class="tick preset"><input type="radio" name="amount" value="<?cs
  var:p ?>"<?cs if:Amount == p ?> checked<?cs /if ?>> <?cs var:p ?> 元</label> <?cs /each ?>
</fieldset>
<label>或者填写其他金额（1 到 1,000,000 元，<?cs #
?>最多两位小数） <input name="amount_other" inputmode="decimal" maxlength="12" placeholder="例如 52.50"></label>
<label>姓名（选填，用于票据） <input name="name" maxlength="32"></label>
<label class="tick"><input type="checkbox" name="anonymous" value="1"> 在公开的捐赠名单中匿名</label>
<label>手机号（选填，用于接收票据） <input name="mobile" inputmode="numeric" maxlength="11"></label>
<label>留言（选填，最多 200 字，会公开显示） <textarea name="message" maxlength="200" rows="3"></textarea></label>
<button type="submit">去支付</button>
</form>
</section>
<?cs include:"footer.cs" ?>
