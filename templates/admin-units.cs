<?cs # admin-units.cs — GET /admin/units: the member units and their cooperation agreements
  (项目合作协议).
  needs: Units.*.region Units.*.name Units.*.signed Units.*.since
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>会员单位</h1>
<?cs call:error_summary() ?>
<table class="list gifts"><thead><tr><th scope="col">代码</th><th scope="col">单位</th>
<th scope="col">合作协议</th><th scope="col">修改</th></tr></thead><tbody>
<?cs each:u = Units ?><tr><td data-label="代码"><?cs var:u.region ?></td>
<td data-label="单位"><?cs var:u.name ?></td><td data-label="合作协议"><?cs
  if:u.signed == 1 ?>已签约（<?cs var:u.since ?>）<?cs else ?>未签约<?cs /if ?></td>
<td data-label="修改" class="act"><form method="post" action="/admin/units/<?cs
  var:u.region ?>" class="inline"><?cs
  call:csrf() ?><?cs
  if:u.signed == 1 ?><input type="hidden" name="signed" value="0"><?cs #
?><button type="submit" class="link">解除</button><?cs
  else ?><input type="hidden" name="signed" value="1"><?cs #
?><?cs set:mine = Invalid.Form == "/admin/units/{region}" && Invalid.Path.region == u.region ?><?cs #
?><input type="text"<?cs call:field_of(mine, "date") ?> size="10" maxlength="10" placeholder="YYYY-MM-DD"<?cs #
?> required aria-label="签约日期" value="<?cs call:again_of(mine, "date", "") ?>"><?cs
  call:error_of(mine, "date") ?><?cs #
?> <button type="submit" class="link">登记签约</button><?cs /if ?></form></td></tr><?cs /each ?>
</tbody></table>
<?cs include:"footer.cs" ?>
