<?cs # finance.cs — GET /disclosure/finance: a year's income by channel and spending by city,
  month by month, from the running totals; amounts only.
  needs: Year Years.* Channels.*.label Months.*.month Months.*.ch.* Months.*.income Months.*.spent
    Chart.label Chart.groups.*.bars.*.h Totals.ch.*
    Totals.income Totals.spent Cities.*.name Cities.*.total Cities.*.months Directed.*.name
    Directed.*.total
?><?cs include:"header.cs" ?><?cs include:"chart.cs" ?>
<h1>收支明细 <small><?cs var:Year ?>年</small></h1>
<p class="note">这里公开“童享阳光”助养计划每月收到的善款（按渠道）和各市州发放到孩子家庭的款项。只列金额，不涉及任何孩子、捐赠人或家庭的信息。已退回的捐款不计入。</p>
<p class="totals"><?cs var:Year ?>年收入 <b>¥<?cs var:Totals.income ?></b> 元，发放 <b>¥<?cs
  var:Totals.spent ?></b> 元。</p>
<?cs call:chart_columns(Chart) ?>
<h2>每月收入与发放（元）</h2>
<section class="wide" tabindex="0" aria-label="各月收支（可左右滑动）"><?cs #
?><table class="gifts finance"><thead><tr><th scope="col">月份</th><?cs
  each:ch = Channels ?><th scope="col"><?cs
  var:ch.label ?></th><?cs /each ?><th scope="col">收入合计</th><th scope="col">发放</th></tr></thead><tbody>
<?cs each:m = Months ?><tr><td><?cs var:m.month ?>月</td><?cs each:ch = Channels ?><td class="num"><?cs
  var:m.ch[name(ch)] ?></td><?cs /each ?><td class="num"><?cs var:m.income ?></td><td class="num"><?cs
  var:m.spent ?></td></tr>
<?cs /each ?></tbody><tfoot><tr><th scope="row">全年</th><?cs each:ch = Channels ?><td class="num"><?cs
  var:Totals.ch[name(ch)] ?></td><?cs /each ?><td class="num"><?cs var:Totals.income ?></td><?cs #
?><td class="num"><?cs var:Totals.spent ?></td></tr></tfoot></table></section>
<h2>各市州发放（元）</h2>
<?cs if:subcount(Cities) == 0 ?><p class="note"><?cs var:Year ?>年还没有发放记录。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">市州</th><th scope="col">全年</th>
<th scope="col">各月</th></tr></thead><tbody>
<?cs each:k = Cities ?><tr><td data-label="市州"><?cs var:k.name ?></td>
<td data-label="全年" class="num"><?cs var:k.total ?></td><td data-label="各月"><?cs
  var:k.months ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<h2>定向捐赠（按地区）（元）</h2>
<p class="note">捐赠人指定给某个市州、区县或会员单位的善款，按市州合计（捐给区县的计入所在市州）。</p>
<?cs if:subcount(Directed) == 0 ?><p class="note"><?cs var:Year ?>年还没有定向捐赠。</p><?cs else ?>
<table class="list gifts directed"><thead><tr><th scope="col">市州</th>
<th scope="col">全年</th></tr></thead><tbody>
<?cs each:k = Directed ?><tr><td data-label="市州"><?cs var:k.name ?></td>
<td data-label="全年" class="num"><?cs var:k.total ?></td></tr><?cs
  /each ?>
</tbody></table><?cs /if ?>
<p><a href="/disclosure/finance.csv?year=<?cs var:Year ?>">下载<?cs var:Year ?>年收支明细（CSV）</a></p>
<?cs if:subcount(Years) > 1 ?><nav class="pager" aria-label="其他年份"><?cs each:y = Years ?><?cs
  if:y == Year ?><span aria-current="page"><?cs var:y ?>年</span><?cs else ?><a href="/disclosure/finance?year=<?cs
  var:y ?>"><?cs var:y ?>年</a><?cs /if ?> <?cs /each ?></nav><?cs /if ?>
<?cs include:"footer.cs" ?>
