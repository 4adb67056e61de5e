<?cs # statement.cs — GET /me/statements/{year}: one printable page of a year: the donor's gifts
  and receipts, the payouts made to their children, the visits approved, the programme's totals.
  needs: Statement.year Who.name Charity.Name Statement.count Statement.total
    Statement.total_capital Gifts.*.paid_on Gifts.*.purpose_label Gifts.*.amount Gifts.*.receipt_no
    Charity.CreditCode Payouts.*.period_text Payouts.*.amount Payouts.*.paid_on Statement.visits
    Programme.raised Programme.paid_out
?><?cs include:"header.cs" ?>
<article class="paper statement">
<h1><?cs var:Statement.year ?> 年度捐赠证明</h1>
<?cs if:Statement.count > 0 ?>
<p>兹证明 <b><?cs var:Who.name ?></b> 于 <?cs var:Statement.year ?> 年度向<?cs var:Charity.Name ?>捐赠 <?cs
  var:Statement.count ?> 笔，合计人民币 <b><?cs var:Statement.total ?></b> 元（大写：<?cs
  var:Statement.total_capital ?>）。特此证明，感谢您的爱心！</p>
<table class="list gifts"><thead><tr><th scope="col">日期</th><th scope="col">用途</th>
<th scope="col">金额（元）</th><th scope="col">票据号</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td data-label="日期"><?cs var:g.paid_on ?></td><td data-label="用途"><?cs
  var:g.purpose_label ?></td><td data-label="金额（元）" class="num"><?cs var:g.amount ?></td>
<td data-label="票据号"><?cs
  var:g.receipt_no ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?>
<p><b><?cs var:Who.name ?></b> 于 <?cs var:Statement.year ?> 年度没有新的捐赠；以下是您此前的善款在这一年的去向。</p>
<?cs /if ?>
<section class="block">
<h2>发放到孩子家庭</h2>
<?cs if:subcount(Payouts) > 0 ?>
<table class="list gifts"><thead><tr><th scope="col">期间</th><th scope="col">金额（元）</th>
<th scope="col">发放日期</th></tr></thead><tbody>
<?cs each:p = Payouts ?><tr><td data-label="期间"><?cs var:p.period_text ?></td>
<td data-label="金额（元）" class="num"><?cs
  var:p.amount ?></td><td data-label="发放日期"><?cs var:p.paid_on ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?>
<p class="note">这一年还没有从您的善款中发放给孩子家庭的款项。</p>
<?cs /if ?>
</section>
<section class="block">
<h2>探访</h2>
<p>这一年，志愿者探访您助养的孩子 <b><?cs var:Statement.visits ?></b> 次（经县级慈善会审核）。</p>
</section>
<section class="block">
<h2>全省助养项目 <?cs var:Statement.year ?> 年收支</h2>
<table class="fields"><tbody>
<tr><th scope="row">累计筹款</th><td class="num"><?cs var:Programme.raised ?> 元</td></tr>
<tr><th scope="row">已发放</th><td class="num"><?cs var:Programme.paid_out ?> 元</td></tr>
</tbody></table>
<p class="fine">筹款为当年到账、无需退回的捐赠；已发放为当年发放到孩子家庭的善款。</p>
</section>
<p class="sign"><?cs var:Charity.Name ?><br>统一社会信用代码 <?cs var:Charity.CreditCode ?></p>
<p class="noprint"><a href="/me">返回我的账户</a> · 用浏览器的“打印”可以打印或存为 PDF。</p>
</article>
<?cs include:"footer.cs" ?>
