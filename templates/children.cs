<?cs # children.cs — GET /children: filter form, result count, child cards and a pager that keeps
  the filters.
  needs: Form.Cities Form.Counties Filter.gender Filter.age_min Filter.age_max Categories.*.code
    Filter.category Categories.*.label Filter.birth_month Filter.sort Found Pager.Pages Pager.Page
    Children.*.code Children.*.alias Children.*.gender_label Children.*.age Children.*.place
    Children.*.category_label Children.*.days_waiting Children.*.sponsored_before Pager.Prev Pager.Links.*.current
    Pager.Links.*.num Pager.Links.*.url Pager.Next Pager.Beyond Pager.Last
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>选择一个孩子</h1>
<form class="filters" method="get" action="/children">
<?cs # the two region lists come escaped, their choice marked (regionsel.c)
?><label>市州 <select name="city"><option value="">全部</option><?cs
  uvar:Form.Cities ?></select></label>
<label>区县 <select name="county"><option value="">全部</option><?cs
  uvar:Form.Counties ?></select></label>
<label>性别 <select name="gender"><option value="">不限</option><option value="m"<?cs
  if:Filter.gender == "m" ?> selected<?cs /if ?>>男</option><option value="f"<?cs
  if:Filter.gender == "f" ?> selected<?cs /if ?>>女</option></select></label>
<fieldset class="range"><legend>年龄</legend><label>从 <input type="text" name="age_min" <?cs #
  ?>inputmode="numeric" size="2" maxlength="2" value="<?cs var:Filter.age_min ?>" placeholder="0"><?cs #
  ?></label> <label>至 <input type="text" name="age_max" inputmode="numeric" size="2" <?cs #
  ?>maxlength="2" value="<?cs var:Filter.age_max ?>" placeholder="17"> 岁</label></fieldset>
<label>困境类别 <select name="category"><option value="">全部</option><?cs
  each:k = Categories ?><option value="<?cs var:k.code ?>"<?cs
  if:Filter.category == k.code ?> selected<?cs /if ?>><?cs var:k.label ?></option><?cs
  /each ?></select></label>
<label>生日月份 <select name="birth_month"><option value="">不限</option><?cs
  loop:m = 1, 12, 1 ?><option value="<?cs var:m ?>"<?cs if:#Filter.birth_month == m ?> selected<?cs
  /if ?>><?cs var:m ?>月</option><?cs /loop ?></select></label>
<label>排序 <select name="sort"><option value="waiting"<?cs
  if:Filter.sort == "waiting" ?> selected<?cs /if ?>>等待最久</option><option value="age"<?cs
  if:Filter.sort == "age" ?> selected<?cs /if ?>>年龄从小到大</option><option value="newest"<?cs
  if:Filter.sort == "newest" ?> selected<?cs /if ?>>最新加入</option></select></label>
<button type="submit">筛选</button> <a href="/children">清除条件</a>
</form>
<p class="found">找到 <b><?cs var:Found ?></b> 个等待结对的孩子<?cs
  if:Pager.Pages > 1 && !Pager.Beyond ?>，第 <?cs var:Pager.Page ?> / <?cs
  var:Pager.Pages ?> 页<?cs /if ?>。</p>
<?cs if:subcount(Children) > 0 ?>
<ul class="cards"><?cs each:ch = Children ?><?cs call:child_card(ch) ?><?cs /each ?></ul>
<?cs elif:Pager.Beyond ?>
<p class="note">只显示前 <?cs var:Pager.Beyond ?> 页，请用筛选条件缩小范围。<a href="<?cs
  var:Pager.Last ?>">回到第 <?cs var:Pager.Beyond ?> 页</a></p>
<?cs elif:Found > 0 ?>
<p class="note">这一页没有更多的孩子了。<a href="/children">回到第一页</a></p>
<?cs else ?>
<p class="note">没有符合条件的孩子。试试放宽筛选条件。</p>
<?cs /if ?>
<?cs if:Pager.Pages > 1 && !Pager.Beyond ?>
<nav class="pager" aria-label="分页">
<?cs if:Pager.Prev ?><a href="<?cs var:Pager.Prev ?>" rel="prev">上一页</a><?cs /if ?>
<?cs each:l = Pager.Links ?><?cs if:l.current ?><span aria-current="page"><?cs
  var:l.num ?></span><?cs else ?><a href="<?cs var:l.url ?>" aria-label="第 <?cs var:l.num ?> 页"><?cs
  var:l.num ?></a><?cs /if ?><?cs
  /each ?>
<?cs if:Pager.Next ?><a href="<?cs var:Pager.Next ?>" rel="next">下一页</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs include:"footer.cs" ?>
