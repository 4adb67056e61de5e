<?cs # admin-payout-new.cs — GET /admin/payouts/new?child=CODE: a new payout for one child, with the
  child's money so far, so that staff see the guard before they hit it.
  needs: Child.code Child.alias Child.received Child.committed Child.paid Child.advanced
    Child.available Child.bank_mask Methods.*.code Methods.*.label
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?><?cs with:ch = Child ?>
<p class="crumb"><a href="/admin/payouts">善款发放</a> › 新建</p>
<h1>新建发放 <small><?cs var:ch.alias ?> · <?cs var:ch.code ?></small></h1>
<?cs call:error_summary() ?>
<dl class="fields">
<dt>已收到善款</dt><dd><?cs var:ch.received ?> 元</dd>
<dt>已安排发放（不含垫付）</dt><dd><?cs var:ch.committed ?> 元</dd>
<dt>其中已发放</dt><dd><?cs var:ch.paid ?> 元<?cs if:ch.advanced != "0" ?>（另有区县垫付 <?cs var:ch.advanced ?> 元）<?cs /if ?></dd>
<dt>尚可发放</dt><dd><strong><?cs var:ch.available ?> 元</strong></dd>
<dt>监护人银行账户</dt><dd><?cs if:ch.bank_mask ?><?cs var:ch.bank_mask ?><?cs else ?>未登记（不能银行代发）<?cs /if ?></dd>
</dl>
<p class="note">发放金额减去垫付部分，不能超过尚可发放的金额。超出部分如由区县慈善会垫付（配套），请填写垫付金额，会如实记录。每个孩子每个期间只能有一条发放记录。</p>
<form method="post" action="/admin/payouts" class="stack cols"><?cs call:csrf() ?>
<input type="hidden" name="child" value="<?cs var:ch.code ?>">
<label>期间（2027 全年、2027H1 上半年、2027H2 下半年、2027-03 月） <input type="text"<?cs
  call:field("period") ?> required maxlength="7" placeholder="2027H1"<?cs call:typed("period") ?>><?cs
  call:field_error("period") ?></label>
<label>发放方式 <select<?cs call:field("method") ?>><?cs each:m = Methods ?><option value="<?cs
  var:m.code ?>"<?cs if:Invalid.Typed.method == m.code ?> selected<?cs /if ?>><?cs
  var:m.label ?></option><?cs /each ?></select><?cs call:field_error("method") ?></label>
<label>发放金额（元） <input type="text"<?cs call:field("amount") ?> required maxlength="10"<?cs #
  ?> inputmode="decimal"<?cs call:typed("amount") ?>><?cs call:field_error("amount") ?></label>
<label>其中区县垫付（元，没有则留空） <input type="text"<?cs call:field("advanced_yuan") ?><?cs #
  ?> maxlength="10" inputmode="decimal"<?cs call:typed("advanced_yuan") ?>><?cs
  call:field_error("advanced_yuan") ?></label>
<label>实物说明（实物发放时填写） <input type="text"<?cs call:field("goods") ?> maxlength="100"<?cs
  call:typed("goods") ?>><?cs call:field_error("goods") ?></label>
<button type="submit">保存草稿</button>
</form>
<?cs /with ?><?cs include:"footer.cs" ?>
