<?cs # admin-lapsing.cs — GET /admin/lapsing: lapsing and stopped sponsorships in scope, those to
  decide first, with the county's decision (wait, or end and list the child again).
  needs: Lapse.grace Lapse.decide Lapse.wait Lapse.can_decide Spons.*.id Spons.*.code
    Spons.*.alias Spons.*.place Spons.*.sstate Spons.*.state_label Spons.*.plan_label
    Spons.*.lapsing_since Spons.*.stopped_on Spons.*.stop_reason Spons.*.wait_until
    Spons.*.overdue Spons.*.paid_through Spons.*.payouts_open Spons.*.to_decide
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>逾期与停止续捐</h1>
<?cs call:error_summary() ?>
<p class="note">助养款逾期 <?cs var:Lapse.grace ?> 天未付，结对即为“逾期未续”；逾期满 <?cs
  var:Lapse.decide ?> 天，或捐赠人停止续捐后，由区县慈善会决定继续等待（<?cs var:Lapse.wait ?> 天），
或结束结对、让孩子重新等待结对（标注“曾获资助”）。孩子还有未办完的发放时不能结束结对。已收到的善款照常发放。</p>
<?cs if:subcount(Spons) == 0 ?><p class="note">没有逾期或停止续捐的结对。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">区县</th>
<th scope="col">状态</th><th scope="col">逾期天数</th><th scope="col">已付至</th><?cs #
?><th scope="col">未办完的发放</th><th scope="col">说明</th><th scope="col">操作</th></tr></thead><tbody>
<?cs each:s = Spons ?><tr>
<td data-label="孩子" class="title"><?cs var:s.alias ?><br><small><?cs var:s.code ?></small></td>
<td data-label="区县"><?cs var:s.place ?></td>
<td data-label="状态"><span class="state state-<?cs var:s.sstate ?>"><?cs
  var:s.state_label ?></span><?cs
  if:s.plan_label ?><br><small><?cs var:s.plan_label ?></small><?cs /if ?></td>
<td data-label="逾期天数" class="num"><?cs var:s.overdue ?></td>
<td data-label="已付至"><?cs var:s.paid_through ?></td>
<td data-label="未办完的发放" class="num"><?cs var:s.payouts_open ?></td>
<td data-label="说明"><?cs if:s.sstate == "stopping" ?><?cs var:s.stopped_on ?> 停止续捐：<?cs
  var:s.stop_reason ?><?cs
  else ?><?cs var:s.lapsing_since ?> 起逾期<?cs /if ?><?cs if:s.wait_until ?><br><small>继续等待至 <?cs
  var:s.wait_until ?></small><?cs /if ?></td>
<td data-label="操作" class="act"><?cs
  if:s.to_decide == 1 && Lapse.can_decide == 1 ?><?cs #
?><form method="post" action="/admin/sponsorships/<?cs
  var:s.id ?>/lapse" class="stack"><?cs call:csrf() ?>
<?cs set:mine = Invalid.Form == "/admin/sponsorships/{id}/lapse" && Invalid.Path.id == s.id ?><?cs #
  the row posted has the field's id, tied to its error; the others keep their own
?><label for="<?cs if:mine ?>f-lapse_choice<?cs else ?>choice-<?cs var:s.id ?><?cs /if ?>">决定</label>
<select<?cs if:mine ?><?cs call:field("lapse_choice") ?><?cs else ?> id="choice-<?cs
  var:s.id ?>" name="lapse_choice"<?cs /if ?>><option value="wait">继续等待</option><?cs #
?><option value="end">结束结对</option></select><?cs call:error_of(mine, "lapse_choice") ?>
<button type="submit">提交</button></form><?cs elif:s.to_decide == 1 ?>待区县决定<?cs
  else ?>等待续捐<?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
