<?cs # page-gifts.cs — a personal fundraising page's latest gifts, names masked (public/ui-page.c's
  page_lists), on the public page, the initiator's and the reviewer's.
  needs: Gifts.*.paid_at Gifts.*.donor Gifts.*.amount Gifts.*.message
?><table class="list gifts"><thead><tr><th scope="col">时间</th><th scope="col">捐赠人</th>
<th scope="col">金额（元）</th><th scope="col">留言</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td data-label="时间"><?cs var:g.paid_at ?></td>
<td data-label="捐赠人"><?cs var:g.donor ?></td><td data-label="金额（元）" class="num"><?cs
  var:g.amount ?></td><td data-label="留言"><?cs var:g.message ?></td></tr><?cs /each ?>
</tbody></table>
