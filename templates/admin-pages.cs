<?cs # admin-pages.cs — GET /admin/pages: personal fundraising pages in reach, those awaiting
  review first; a filter by state; the province's link to a spokesperson's new page.
  needs: List.state States.*.code States.*.label Pages.*.id Pages.*.code Pages.*.kind_label
    Pages.*.spokesperson Pages.*.display_name Pages.*.title Pages.*.goal Pages.*.ends_on
    Pages.*.place Pages.*.state Pages.*.state_label Pages.*.created Who.role
?><?cs include:"header.cs" ?>
<h1>一起捐页面</h1>
<form method="get" action="/admin/pages" class="filters">
<label for="list_state">状态</label>
<select id="list_state" name="list_state"><option value="">全部</option><?cs each:s = States ?><option value="<?cs
  var:s.code ?>"<?cs if:List.state == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select>
<button type="submit">筛选</button>
</form>
<?cs if:Who.role == "province" ?><p><a class="btn" href="/admin/pages/new">新建代言人页面</a></p><?cs /if ?>
<?cs if:subcount(Pages) == 0 ?><p class="note">没有一起捐页面。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">页面</th><th scope="col">发起人</th>
<th scope="col">类型</th><th scope="col">目标（元）</th><th scope="col">截止</th><?cs #
?><th scope="col">地区</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:p = Pages ?><tr><td data-label="页面"><a href="/admin/pages/<?cs var:p.id ?>"><?cs
  var:p.title ?></a><br><small><?cs
  var:p.code ?> · <?cs var:p.created ?></small></td>
<td data-label="发起人"><?cs var:p.display_name ?><?cs
  if:p.spokesperson == 1 ?> <span class="badge">代言人</span><?cs /if ?></td>
<td data-label="类型"><?cs var:p.kind_label ?></td>
<td data-label="目标（元）" class="num"><?cs var:p.goal ?></td>
<td data-label="截止"><?cs var:p.ends_on ?></td>
<td data-label="地区"><?cs if:p.place ?><?cs var:p.place ?><?cs else ?>全省<?cs /if ?></td>
<td data-label="状态"><span class="state state-<?cs var:p.state ?>"><?cs
  var:p.state_label ?></span></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
