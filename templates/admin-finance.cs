<?cs # admin-finance.cs — GET /admin/finance: a year's reconciliation (received, paid out,
  advanced, balance) per child of a county, or per county above one; the children whose money
  has waited longer than Money.HoldDays.
  needs: Year Counties CountyChoices CountyName Kids.*.code Kids.*.alias Kids.*.received Kids.*.paid
    Kids.*.advanced Kids.*.balance Lines.*.county Lines.*.city_name Lines.*.county_name
    Lines.*.sub Lines.*.received Lines.*.paid Lines.*.advanced Lines.*.balance Total.received
    Total.paid Total.advanced Total.balance General Income HoldDays Held.*.code Held.*.alias
    Held.*.place Held.*.held Held.*.balance
?><?cs include:"header.cs" ?>
<h1>对账 <small><?cs var:Year ?>年<?cs if:CountyName ?> · <?cs var:CountyName ?><?cs /if ?></small></h1>
<form method="get" action="/admin/finance" class="inline">
<?cs if:CountyChoices > 1 ?><label>区县 <select name="county"><option value="">全部区县</option><?cs
  uvar:Counties ?></select></label><?cs /if ?>
<label>年份 <input type="text" name="year" value="<?cs var:Year ?>" inputmode="numeric" maxlength="4" size="5"></label>
<button type="submit">查看</button>
</form>
<p class="note">收到：当年到账的一对一助养款（已退回或待退回的不计）；发放：当年已发放到家庭的款项（其中垫付为县级慈善会自有资金）；结余：截至年末收到的善款减去从中发放的部分。<a href="/admin/finance/report">收支报表 →</a></p>
<?cs if:CountyName ?>
<h2>各儿童</h2>
<?cs if:subcount(Kids) == 0 ?><p class="note"><?cs var:Year ?>年没有收支。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">收到</th>
<th scope="col">发放</th><th scope="col">其中垫付</th><th scope="col">年末结余</th><?cs #
?></tr></thead><tbody>
<?cs each:k = Kids ?><tr><td data-label="孩子" class="title"><a href="/admin/children/<?cs
  var:k.code ?>"><?cs var:k.alias ?></a> <small><?cs
  var:k.code ?></small></td><td data-label="收到" class="num"><?cs var:k.received ?></td>
<td data-label="发放" class="num"><?cs
  var:k.paid ?></td><td data-label="其中垫付" class="num"><?cs var:k.advanced ?></td>
<td data-label="年末结余" class="num"><?cs
  var:k.balance ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs else ?>
<h2>各区县</h2>
<?cs if:subcount(Lines) == 0 ?><p class="note"><?cs var:Year ?>年没有收支。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">市州</th><th scope="col">区县</th>
<th scope="col">收到</th><th scope="col">发放</th><th scope="col">其中垫付</th><?cs #
?><th scope="col">年末结余</th></tr></thead><tbody>
<?cs each:k = Lines ?><tr<?cs if:k.sub ?> class="sub"<?cs /if ?>><td data-label="市州"><?cs
  var:k.city_name ?></td><td data-label="区县"><?cs
  if:k.sub ?><?cs var:k.county_name ?><?cs else ?><a href="/admin/finance?year=<?cs var:Year ?>&amp;county=<?cs
  var:k.county ?>"><?cs var:k.county_name ?></a><?cs /if ?></td>
<td data-label="收到" class="num"><?cs
  var:k.received ?></td><td data-label="发放" class="num"><?cs var:k.paid ?></td>
<td data-label="其中垫付" class="num"><?cs
  var:k.advanced ?></td>
<td data-label="年末结余" class="num"><?cs var:k.balance ?></td></tr><?cs /each ?>
</tbody><tfoot><tr><th scope="row" colspan="2">合计</th><td class="num"><?cs var:Total.received ?></td><td class="num"><?cs
  var:Total.paid ?></td><td class="num"><?cs var:Total.advanced ?></td><td class="num"><?cs
  var:Total.balance ?></td></tr></tfoot></table><?cs /if ?>
<?cs /if ?>
<h2 id="held">善款滞留超过 <?cs var:HoldDays ?> 天</h2>
<p class="note">按先到先用计算：<?cs var:HoldDays ?> 天以前到账的善款，超过了至今从善款中发放的总额，差额即滞留款。请尽快安排发放。</p>
<?cs if:subcount(Held) == 0 ?><p class="note">没有滞留的善款。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">所在地</th>
<th scope="col">滞留</th><th scope="col">结余</th></tr></thead><tbody>
<?cs each:h = Held ?><tr><td data-label="孩子" class="title"><a href="/admin/children/<?cs
  var:h.code ?>"><?cs var:h.alias ?></a> <small><?cs
  var:h.code ?></small></td><td data-label="所在地"><?cs var:h.place ?></td>
<td data-label="滞留" class="num"><?cs var:h.held ?></td><td data-label="结余" class="num"><?cs
  var:h.balance ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs include:"footer.cs" ?>
