<?cs # admin-refunds.cs — GET /admin/refunds: money owed back within scope, each with its refund
  button.
  needs: Owed.*.receipt Owed.*.donor Owed.*.amount Owed.*.paid_at Owed.*.code Owed.*.alias
    Owed.*.place Owed.*.state_label Owed.*.why Owed.*.id
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>待退款项</h1>
<p class="note">这些款项到账时没有用上：孩子已经由其他爱心人士结对，这一期已经付过，结对已经结束，金额与订单不符，或者订单已经由另一笔付款付过。款项已开具票据，不计入筹款，<?cs #
?>应原路退回。退款通过原支付渠道办理，并通知捐赠人、记入审计日志。</p>
<?cs if:subcount(Owed) == 0 ?><p>现在没有待退的款项。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">票据</th><th scope="col">捐赠人</th>
<th scope="col">金额（元）</th><th scope="col">到账时间</th><th scope="col">孩子</th><?cs #
?><th scope="col">区县</th><th scope="col">结对状态</th><th scope="col">原因</th><th scope="col">退款</th></tr></thead><tbody>
<?cs each:o = Owed ?><tr>
<td data-label="票据"><?cs var:o.receipt ?></td>
<td data-label="捐赠人"><?cs var:o.donor ?></td><?cs #
?><td data-label="金额（元）" class="num"><?cs var:o.amount ?></td><td data-label="到账时间"><?cs
  var:o.paid_at ?></td>
<?cs if:o.code ?><td data-label="孩子" class="title"><?cs var:o.alias ?><br><small><?cs
  var:o.code ?></small></td><?cs #
?><td data-label="区县"><?cs var:o.place ?></td>
<td data-label="结对状态"><?cs var:o.state_label ?></td>
<?cs else ?><td data-label="用途" colspan="3" class="title">慈善捐赠（非一对一结对）</td><?cs
  /if ?><?cs #
?><td data-label="原因"><?cs var:o.why ?></td>
<td data-label="退款" class="act"><form method="post" action="/admin/refunds/<?cs
  var:o.id ?>" class="inline"><?cs
  call:csrf() ?><button type="submit">原路退回</button></form></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
