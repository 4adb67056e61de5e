<?cs # donations.cs — GET /donations: the public donation record, with totals, 20 a page: each
  gift's purpose with its target, its channel, and its match; a match is a row of its own.
  needs: Totals.count Totals.amount Gifts.*.paid_at Gifts.*.donor Gifts.*.amount Gifts.*.for
    Gifts.*.page_title Gifts.*.channel Gifts.*.channel_label Gifts.*.match Gifts.*.funder
    Gifts.*.message Pager.Pages Pager.Page
?><?cs include:"header.cs" ?>
<h1>捐赠查询</h1>
<p class="totals">累计 <b><?cs var:Totals.count ?></b> 笔捐赠，共 <b><?cs var:Totals.amount ?></b> 元。</p>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠记录。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">时间</th><th scope="col">捐赠人</th>
<th scope="col">金额（元）</th><th scope="col">用途</th><th scope="col">方式</th>
<th scope="col">留言</th><?cs #
?></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td data-label="时间"><?cs var:g.paid_at ?></td>
<td data-label="捐赠人"><?cs
  var:g.donor ?></td><td data-label="金额（元）" class="num"><?cs var:g.amount ?></td>
<td data-label="用途"><?cs
  var:g.for ?><?cs if:g.page_title ?>（一起捐：<?cs var:g.page_title ?>）<?cs /if ?></td>
<td data-label="方式"><?cs
  var:g.channel_label ?><?cs if:g.match ?><br>配捐 ¥<?cs var:g.match ?>（<?cs var:g.funder ?>）<?cs
  /if ?></td><td data-label="留言"><?cs var:g.message ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:Pager.Pages > 1 ?>
<nav class="pager" aria-label="分页">
<?cs if:Pager.Page > 1 ?><a href="/donations?page=<?cs var:Pager.Page - 1 ?>" rel="prev">上一页</a><?cs
  /if ?>
<span aria-current="page"><?cs var:Pager.Page ?> / <?cs var:Pager.Pages ?></span>
<?cs if:Pager.Page < Pager.Pages ?><a href="/donations?page=<?cs
  var:Pager.Page + 1 ?>" rel="next">下一页</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs include:"footer.cs" ?>
