<?cs # admin-pools.cs — GET /admin/pools: the matching pools (配捐) in reach, newest first, with what
  each pledged, has left and has matched; a filter by state; the link to make one.
  needs: Pools.*.id Pools.*.funder Pools.*.place Pools.*.activity Pools.*.given Pools.*.matched
    Pools.*.cap Pools.*.amount Pools.*.remaining Pools.*.matched_total Pools.*.starts Pools.*.ends
    Pools.*.state_label States.*.code States.*.label State
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>配捐</h1>
<p><a class="btn" href="/admin/pools/new">新建配捐池</a></p>
<form class="filters" method="get" action="/admin/pools">
<label>状态 <select name="list_state"><option value="">全部</option><?cs
  each:s = States ?><option value="<?cs var:s.code ?>"<?cs
  if:State == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs
  /each ?></select></label>
<button type="submit">筛选</button>
</form>
<?cs if:subcount(Pools) == 0 ?><p class="note">还没有配捐池。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">配捐方</th><th scope="col">范围</th>
<th scope="col">比例</th><?cs #
?><th scope="col">单笔上限（元）</th><th scope="col">认捐（元）</th><th scope="col">已配捐（元）</th><th scope="col">剩余（元）</th><?cs #
?><th scope="col">期间</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:p = Pools ?><tr><td data-label="配捐方"><a href="/admin/pools/<?cs var:p.id ?>"><?cs
  var:p.funder ?></a></td><?cs #
?><td data-label="范围"><?cs if:p.activity ?>专题活动：<?cs var:p.activity ?><?cs
  elif:p.place ?><?cs
  var:p.place ?><?cs else ?>全省项目<?cs /if ?></td><?cs #
?><td data-label="比例"><?cs var:p.given ?>:<?cs var:p.matched ?></td>
<td data-label="单笔上限（元）" class="num"><?cs var:p.cap ?></td><?cs #
?><td data-label="认捐（元）" class="num"><?cs var:p.amount ?></td>
<td data-label="已配捐（元）" class="num"><?cs var:p.matched_total ?></td><?cs #
?><td data-label="剩余（元）" class="num"><?cs var:p.remaining ?></td>
<td data-label="期间"><?cs var:p.starts ?> 至 <?cs
  var:p.ends ?></td><td data-label="状态"><?cs var:p.state_label ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
