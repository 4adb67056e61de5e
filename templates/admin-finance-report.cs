<?cs # admin-finance-report.cs — GET /admin/finance/report: money received, paid out, advanced
  and the balance at the end, by city and county, over any period; the province's general
  donations apart; and its CSV.
  needs: From To Province Lines.*.city_name Lines.*.county_name Lines.*.sub Lines.*.received
    Lines.*.paid Lines.*.advanced Lines.*.balance Total.received Total.paid Total.advanced
    Total.balance General Income
?><?cs include:"header.cs" ?>
<h1>收支报表 <small><?cs var:From ?> 至 <?cs var:To ?></small></h1>
<form method="get" action="/admin/finance/report" class="inline">
<label>起始日期 <input type="date" name="from" value="<?cs var:From ?>"></label>
<label>截止日期 <input type="date" name="to" value="<?cs var:To ?>"></label>
<button type="submit">生成</button>
</form>
<?cs if:subcount(Lines) == 0 ?><p class="note">这段时间没有收支。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">市州</th><th scope="col">区县</th>
<th scope="col">收到善款</th><th scope="col">发放</th><?cs #
?><th scope="col">其中县级垫付</th><th scope="col">期末结余</th></tr></thead><tbody>
<?cs each:k = Lines ?><tr<?cs if:k.sub ?> class="sub"<?cs /if ?>><td data-label="市州"><?cs
  var:k.city_name ?></td><td data-label="区县"><?cs
  var:k.county_name ?></td><td data-label="收到善款" class="num"><?cs var:k.received ?></td>
<td data-label="发放" class="num"><?cs
  var:k.paid ?></td><td data-label="其中县级垫付" class="num"><?cs var:k.advanced ?></td>
<td data-label="期末结余" class="num"><?cs
  var:k.balance ?></td></tr><?cs /each ?>
</tbody><tfoot><tr><th scope="row" colspan="2">合计</th><td class="num"><?cs var:Total.received ?></td><td class="num"><?cs
  var:Total.paid ?></td><td class="num"><?cs var:Total.advanced ?></td><td class="num"><?cs
  var:Total.balance ?></td></tr></tfoot></table><?cs /if ?>
<?cs if:Province == 1 ?><p class="totals">另有非定向捐赠 <b><?cs var:General ?></b> 元（省级，不属于任何区县）；本期收入合计 <b><?cs
  var:Income ?></b> 元。</p><?cs /if ?>
<p class="note">金额单位：元。收到善款按到账日期，不含已退回或待退回的款项；发放按发放日期，只计已发放的。</p>
<p><a href="/admin/finance/report.csv?from=<?cs var:From ?>&amp;to=<?cs var:To ?>">下载 CSV</a></p>
<?cs include:"footer.cs" ?>
