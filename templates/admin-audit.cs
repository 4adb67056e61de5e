<?cs # admin-audit.cs — GET /admin/audit: who did what, when, from where (province staff only).
  needs: Filter.staff Filter.action Filter.from Filter.to Audit.*.at Audit.*.username Audit.*.name
    Audit.*.addr Audit.*.action Audit.*.object_type Audit.*.object_id Audit.*.summary Pager.Page
?><?cs include:"header.cs" ?>
<h1>审计日志</h1>
<form class="filters" method="get" action="/admin/audit">
<label>工作人员 <input type="text" name="staff" maxlength="64" value="<?cs var:Filter.staff ?>"></label>
<label>操作 <input type="text" name="action" maxlength="32" value="<?cs
  var:Filter.action ?>" placeholder="child.view_pii"></label>
<label>从 <input type="text" name="from" maxlength="10" value="<?cs
  var:Filter.from ?>" placeholder="YYYY-MM-DD"></label>
<label>到 <input type="text" name="to" maxlength="10" value="<?cs
  var:Filter.to ?>" placeholder="YYYY-MM-DD"></label>
<button type="submit">查询</button>
</form>
<table class="list gifts"><thead><tr><th scope="col">时间</th><th scope="col">工作人员</th>
<th scope="col">地址</th><th scope="col">操作</th><th scope="col">对象</th><?cs #
?><th scope="col">摘要</th></tr></thead><tbody>
<?cs each:a = Audit ?><tr><td data-label="时间"><?cs var:a.at ?></td>
<td data-label="工作人员"><?cs var:a.username ?><?cs
  if:a.name ?><br><small><?cs var:a.name ?></small><?cs /if ?></td><td data-label="地址"><?cs
  var:a.addr ?></td><td data-label="操作"><?cs var:a.action ?></td>
<td data-label="对象"><?cs var:a.object_type ?> <?cs
  var:a.object_id ?></td><td data-label="摘要"><?cs var:a.summary ?></td></tr><?cs /each ?>
</tbody></table>
<nav class="pager" aria-label="分页">
<?cs if:Pager.Page > 1 ?><a href="/admin/audit?page=<?cs var:Pager.Page - 1 ?>&amp;staff=<?cs
  var:Filter.staff ?>&amp;action=<?cs var:Filter.action ?>&amp;from=<?cs
  var:Filter.from ?>&amp;to=<?cs var:Filter.to ?>" rel="prev">上一页</a><?cs /if ?>
<?cs if:subcount(Audit) == 100 ?><a href="/admin/audit?page=<?cs
  var:Pager.Page + 1 ?>&amp;staff=<?cs var:Filter.staff ?>&amp;action=<?cs
  var:Filter.action ?>&amp;from=<?cs var:Filter.from ?>&amp;to=<?cs
  var:Filter.to ?>" rel="next">下一页</a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
