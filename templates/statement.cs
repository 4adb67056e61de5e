<?cs # statement.cs — GET /me/statements/{year}: one printable page of a year's giving.
  needs: Statement.year Who.name Charity.Name Statement.count Statement.total
    Statement.total_capital Gifts.*.paid_on Gifts.*.purpose_label Gifts.*.amount Gifts.*.receipt_no
    Charity.CreditCode
?><?cs include:"header.cs" ?>
<article class="paper">
<h1><?cs var:Statement.year ?> 年度捐赠证明</h1>
<p>兹证明 <b><?cs var:Who.name ?></b> 于 <?cs var:Statement.year ?> 年度向<?cs var:Charity.Name ?>捐赠 <?cs
  var:Statement.count ?> 笔，合计人民币 <b><?cs var:Statement.total ?></b> 元（大写：<?cs
  var:Statement.total_capital ?>）。特此证明，感谢您的爱心！</p>
<table class="gifts"><thead><tr><th>日期</th><th>用途</th><th>金额（元）</th><th>票据号</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td><?cs var:g.paid_on ?></td><td><?cs
  var:g.purpose_label ?></td><td class="num"><?cs var:g.amount ?></td><td><?cs
  var:g.receipt_no ?></td></tr><?cs /each ?>
</tbody></table>
<p class="sign"><?cs var:Charity.Name ?><br>统一社会信用代码 <?cs var:Charity.CreditCode ?></p>
<p class="noprint"><a href="/me">返回我的账户</a> · 用浏览器的“打印”可以打印或存为 PDF。</p>
</article>
<?cs include:"footer.cs" ?>
