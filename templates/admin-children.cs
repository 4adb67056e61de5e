<?cs # admin-children.cs — GET /admin/children: the children within scope, with filters and paging.
  needs: Found Statuses.*.code Filter.status Statuses.*.label Cities CityChoices
    Filter.city Counties CountyChoices Filter.county Categories.*.code
    Filter.category Categories.*.label Filter.days Children.*.code Children.*.alias Children.*.place
    Children.*.category_label Children.*.status_label Children.*.days_waiting Children.*.consent
    Pager.Pages Pager.Page
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>儿童档案 <small>共 <?cs var:Found ?> 个</small></h1>
<p><a class="button" href="/admin/children/new">登记新的孩子</a> <a href="/admin/import">导入台账</a><?cs #
?> · <a href="/admin/export/children.csv">导出名单（CSV，不含个人信息）</a></p>
<form method="post" action="/admin/export/children.csv" class="inline"><?cs
  call:csrf() ?><input type="hidden" name="pii" value="1"><?cs #
?><button type="submit" class="link">导出名单（含个人信息：真实姓名、身份证号、监护人、住址；将记入审计日志）</button></form>
<form class="filters" method="get" action="/admin/children">
<label>状态 <select name="status"><option value="">全部</option><?cs each:s = Statuses ?><option value="<?cs var:s.code ?>"<?cs if:Filter.status == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select></label>
<?cs # a select only where there is a choice (a city officer has one city, a county officer one
  county); the options come escaped, their choice marked (regionsel.c)
?><?cs if:CityChoices > 1 ?><label>市州 <select name="city"><option value="">全部</option><?cs
  uvar:Cities ?></select></label><?cs /if ?>
<?cs if:CountyChoices > 1 ?><label>区县 <select name="county"><option value="">全部</option><?cs
  uvar:Counties ?></select></label><?cs /if ?>
<label>困境类别 <select name="category"><option value="">全部</option><?cs
  each:k = Categories ?><option value="<?cs var:k.code ?>"<?cs
  if:Filter.category == k.code ?> selected<?cs /if ?>><?cs var:k.label ?></option><?cs
  /each ?></select></label>
<label>等待至少 <input type="text" name="days" size="4" maxlength="4" value="<?cs var:Filter.days ?>"> 天</label>
<button type="submit">筛选</button>
</form>
<table class="list by-child gifts"><thead><tr><th scope="col">编号</th><th scope="col">化名</th>
<th scope="col">所在地</th><th scope="col">类别</th><th scope="col">状态</th><?cs #
?><th scope="col">已等待</th><th scope="col">公开</th></tr></thead><tbody>
<?cs each:ch = Children ?><tr><td data-label="编号" class="title"><a href="/admin/children/<?cs
  var:ch.code ?>"><?cs
  var:ch.code ?></a></td><td data-label="化名" class="title"><?cs var:ch.alias ?></td>
<td data-label="所在地"><?cs var:ch.place ?></td><td data-label="类别"><?cs
  var:ch.category_label ?></td><td data-label="状态"><?cs var:ch.status_label ?></td>
<td data-label="已等待" class="num"><?cs
  var:ch.days_waiting ?> 天</td>
<td data-label="公开"><?cs if:ch.consent == 1 ?>是<?cs else ?>否<?cs /if ?></td></tr><?cs
  /each ?>
</tbody></table>
<?cs if:Pager.Pages > 1 ?><nav class="pager" aria-label="分页">
<?cs if:Pager.Page > 1 ?><a href="/admin/children?page=<?cs var:Pager.Page - 1 ?>&amp;status=<?cs
  var:Filter.status ?>&amp;city=<?cs var:Filter.city ?>&amp;county=<?cs
  var:Filter.county ?>&amp;category=<?cs var:Filter.category ?>&amp;days=<?cs
  var:Filter.days ?>" rel="prev">上一页</a><?cs /if ?>
<span aria-current="page"><?cs var:Pager.Page ?> / <?cs var:Pager.Pages ?></span>
<?cs if:Pager.Page < Pager.Pages ?><a href="/admin/children?page=<?cs
  var:Pager.Page + 1 ?>&amp;status=<?cs var:Filter.status ?>&amp;city=<?cs
  var:Filter.city ?>&amp;county=<?cs var:Filter.county ?>&amp;category=<?cs
  var:Filter.category ?>&amp;days=<?cs
  var:Filter.days ?>" rel="next">下一页</a><?cs /if ?>
</nav><?cs /if ?>
<?cs include:"footer.cs" ?>
