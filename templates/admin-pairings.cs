<?cs # admin-pairings.cs — GET /admin/pairings: the pairing queue within scope, with approve and
  reject.
  needs: States.*.code Status States.*.label Pairings.*.alias Pairings.*.code Pairings.*.place
    Pairings.*.donor Pairings.*.plan_label Pairings.*.paid Pairings.*.since Pairings.*.state_label
    Pairings.*.id
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>结对审核</h1>
<?cs call:error_summary() ?>
<p><a href="/admin/export/pairings.csv">导出结对名单（CSV）</a></p>
<form method="get" action="/admin/pairings" class="inline">
<label>状态 <select name="state"><?cs each:s = States ?><option value="<?cs var:s.code ?>"<?cs if:Status == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select></label>
<button type="submit">查看</button>
</form>
<?cs if:subcount(Pairings) == 0 ?><p class="note">没有这个状态的结对。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">区县</th>
<th scope="col">捐赠人</th><th scope="col">方式</th><th scope="col">已付（元）</th><?cs #
?><th scope="col">提交时间</th><th scope="col">状态</th><?cs if:Status == "pending_approval" ?><th scope="col">审核</th><?cs
  /if ?></tr></thead><tbody>
<?cs each:p = Pairings ?><tr>
<td data-label="孩子" class="title"><?cs var:p.alias ?><br><small><?cs var:p.code ?></small></td>
<td data-label="区县"><?cs
  var:p.place ?></td><td data-label="捐赠人"><?cs var:p.donor ?></td>
<td data-label="方式"><?cs var:p.plan_label ?></td>
<td data-label="已付（元）" class="num"><?cs var:p.paid ?></td><td data-label="提交时间"><?cs
  var:p.since ?></td><td data-label="状态"><?cs var:p.state_label ?></td>
<?cs if:Status == "pending_approval" ?><td data-label="审核" class="act">
<form method="post" action="/admin/pairings/<?cs var:p.id ?>/approve" class="inline"><?cs
  call:csrf() ?><button type="submit">通过</button></form>
<form method="post" action="/admin/pairings/<?cs var:p.id ?>/reject" class="inline"><?cs call:csrf() ?><?cs
  set:mine = Invalid.Form == "/admin/pairings/{id}/reject" && Invalid.Path.id == p.id ?><input<?cs #
  ?> type="text"<?cs call:field_of(mine, "reason") ?> required maxlength="200" placeholder="不通过的理由"<?cs #
  ?> aria-label="不通过的理由" value="<?cs call:again_of(mine, "reason", "") ?>"><?cs
  call:error_of(mine, "reason") ?><button type="submit" class="link">不通过并退款</button></form>
</td><?cs /if ?>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
