<?cs # admin-letters.cs — GET /admin/letters: letters between sponsors and children within scope, by
  state.
  needs: States.*.code States.*.label Status Letters.*.id Letters.*.direction Letters.*.code
    Letters.*.alias Letters.*.place Letters.*.created Letters.*.state_label
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>信件</h1>
<p class="note">捐赠人写给孩子的信和孩子的回信，都要审核后才能转交：不能有联系方式、地址、钱物请求或孩子的真实姓名。</p>
<form method="get" action="/admin/letters" class="inline">
<label>状态 <select name="letter_state"><?cs each:s = States ?><option value="<?cs var:s.code ?>"<?cs if:Status == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select></label>
<button type="submit">查看</button>
</form>
<?cs if:subcount(Letters) == 0 ?><p class="note">没有这个状态的信。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">区县</th>
<th scope="col">方向</th><th scope="col">写信时间</th><th scope="col">状态</th>
<th scope="col">操作</th></tr></thead><tbody>
<?cs each:l = Letters ?><tr>
<td data-label="孩子" class="title"><?cs var:l.alias ?><br><small><?cs var:l.code ?></small></td>
<td data-label="区县"><?cs var:l.place ?></td>
<td data-label="方向"><?cs if:l.direction == "from_child" ?>孩子的回信<?cs else ?>捐赠人的信<?cs
  /if ?></td>
<td data-label="写信时间"><?cs var:l.created ?></td>
<td data-label="状态"><?cs var:l.state_label ?></td>
<td data-label="操作" class="act"><a href="/admin/letters/<?cs var:l.id ?>">打开</a></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
