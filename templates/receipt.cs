<?cs # receipt.cs — GET /receipts/{no}: a printable donation receipt (捐赠票据), what the gift is
  for, how it came and its match.
  needs: Receipt.no Receipt.code Receipt.refund_due Receipt.donor Receipt.amount Receipt.capital
    Receipt.purpose_label Receipt.page_title Receipt.child_alias Receipt.child_code
    Receipt.channel Receipt.channel_label Receipt.match Receipt.funder Receipt.matches_no
    Charity.Name Charity.CreditCode Charity.ReceiptHandler Receipt.paid_on
?><?cs include:"header.cs" ?><?cs with:r = Receipt ?>
<article class="paper receipt">
<h1>公益事业捐赠票据（电子）</h1>
<p class="no">票据号 <b><?cs var:r.no ?></b></p>
<?cs if:r.refund_due == 1 ?><p class="problem">这笔款项到账时已经不能用作捐赠，将原路退回捐赠人，不计入捐赠。</p><?cs /if ?>
<table class="fields">
<tr><th scope="row">捐赠人</th><td><?cs var:r.donor ?></td></tr>
<tr><th scope="row">金额（小写）</th><td>¥ <?cs var:r.amount ?> 元</td></tr>
<tr><th scope="row">金额（大写）</th><td><?cs var:r.capital ?></td></tr>
<tr><th scope="row">捐赠用途</th><td><?cs var:r.purpose_label ?><?cs if:r.child_alias ?>（结对儿童 <?cs
  var:r.child_alias ?>，编号 <?cs var:r.child_code ?>）<?cs /if ?><?cs if:r.page_title ?>（一起捐：<?cs
  var:r.page_title ?>）<?cs /if ?></td></tr>
<?cs if:r.channel != "online" ?><tr><th scope="row">捐赠方式</th><td><?cs var:r.channel_label ?><?cs
  if:r.matches_no ?>：为票据 <?cs var:r.matches_no ?> 的捐赠配捐<?cs /if ?></td></tr><?cs /if ?>
<?cs if:r.match ?><tr><th scope="row">配捐</th><td>配捐 ¥<?cs var:r.match ?>（<?cs var:r.funder ?>）</td></tr><?cs /if ?>
<tr><th scope="row">接受单位</th><td><?cs var:Charity.Name ?>（统一社会信用代码 <?cs var:Charity.CreditCode ?>）</td></tr>
<tr><th scope="row">经手人</th><td><?cs var:Charity.ReceiptHandler ?></td></tr>
<tr><th scope="row">日期</th><td><?cs var:r.paid_on ?></td></tr>
</table>
<p class="cert">感谢您对困境儿童的关爱！您的善款将全部用于“童享阳光”困境儿童助养项目。</p>
<p class="sign"><?cs var:Charity.Name ?>（盖章）</p>
<p class="noprint"><a href="/certificates/<?cs var:r.no ?>?code=<?cs var:r.code ?>">捐赠证书</a> · <a
  href="/me">我的账户</a> · 用浏览器的“打印”可以打印或存为 PDF。</p>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
