<?cs # admin-directed.cs — GET /admin/directed: directed gifts to the staff member's region, totals by
  month and the gifts a page at a time.
  needs: Months.*.month Months.*.gifts Months.*.amount Gifts.*.paid_on Gifts.*.amount
    Gifts.*.channel_label Gifts.*.region_name Gifts.*.unit Pager.prev Pager.next
?><?cs include:"header.cs" ?>
<h1>定向捐赠</h1>
<p>捐赠人定向捐给本辖区（或其中的会员单位）的善款。已退回的不计入。</p>
<h2>按月合计</h2>
<?cs if:subcount(Months) == 0 ?><p>还没有定向捐赠。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">月份</th><th scope="col">笔数</th>
<th scope="col">金额（元）</th></tr></thead><tbody>
<?cs each:m = Months ?><tr><td data-label="月份"><?cs var:m.month ?></td>
<td data-label="笔数" class="num"><?cs var:m.gifts ?></td><?cs #
?><td data-label="金额（元）" class="num"><?cs var:m.amount ?></td></tr><?cs /each ?>
</tbody></table>
<h2>明细</h2>
<table class="list gifts"><thead><tr><th scope="col">日期</th><th scope="col">去向</th>
<th scope="col">渠道</th><th scope="col">金额（元）</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td data-label="日期"><?cs var:g.paid_on ?></td>
<td data-label="去向"><?cs if:g.unit ?><?cs var:g.unit ?><?cs
  else ?><?cs var:g.region_name ?><?cs /if ?></td>
<td data-label="渠道"><?cs var:g.channel_label ?></td><?cs #
?><td data-label="金额（元）" class="num"><?cs var:g.amount ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<nav class="pager" aria-label="翻页"><?cs if:Pager.prev ?><a href="/admin/directed?page=<?cs var:Pager.prev ?>">上一页</a> <?cs
  /if ?><?cs if:Pager.next ?><a href="/admin/directed?page=<?cs var:Pager.next ?>">下一页</a><?cs /if ?></nav>
<?cs include:"footer.cs" ?>
