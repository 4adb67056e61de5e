<?cs # admin-pool.cs — GET /admin/pools/{id}: one matching pool: its terms, what remains, what it
  matched so far and for how many gifts, the last 30 days (a bar chart drawn with presentation
  attributes, and a table of the days with matches); pause, resume or close it.
  needs: Pool.id Pool.funder Pool.unit Pool.amount Pool.remaining Pool.matched_total Pool.cap
    Pool.given Pool.matched Pool.starts Pool.ends Pool.place Pool.state Pool.state_label Kinds.*
    Matches.gifts Matches.amount Days.*.day Days.*.gifts Days.*.amount Days.*.x Days.*.y
    Days.*.h Chart.w Chart.h
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>配捐池：<?cs var:Pool.funder ?></h1>
<p><a href="/admin/pools">← 全部配捐池</a></p>
<dl class="fields">
<dt>状态</dt><dd><?cs var:Pool.state_label ?></dd>
<?cs if:Pool.unit ?><dt>会员单位</dt><dd><?cs var:Pool.unit ?></dd><?cs /if ?>
<dt>范围</dt><dd><?cs if:Pool.place ?><?cs var:Pool.place ?><?cs else ?>全省项目<?cs /if ?></dd>
<dt>配捐的捐赠</dt><dd><?cs each:k = Kinds ?><?cs var:k ?> <?cs /each ?></dd>
<dt>比例</dt><dd>每捐 <?cs var:Pool.given ?> 元配捐 <?cs var:Pool.matched ?> 元，单笔最多 <?cs
  var:Pool.cap ?> 元</dd>
<dt>期间</dt><dd><?cs var:Pool.starts ?> 至 <?cs var:Pool.ends ?></dd>
<dt>认捐金额</dt><dd>¥<?cs var:Pool.amount ?></dd>
<dt>已配捐</dt><dd>¥<?cs var:Pool.matched_total ?>（<?cs var:Matches.gifts ?> 笔捐赠）</dd>
<dt>剩余</dt><dd>¥<?cs var:Pool.remaining ?></dd>
</dl>
<?cs if:Pool.state != "closed" ?><div class="actions"><?cs
  if:Pool.state == "active" ?><form method="post" action="/admin/pools/<?cs var:Pool.id ?>/pause" class="inline"><?cs
  call:csrf() ?><button type="submit">暂停配捐</button></form><?cs
  else ?><form method="post" action="/admin/pools/<?cs var:Pool.id ?>/resume" class="inline"><?cs
  call:csrf() ?><button type="submit">恢复配捐</button></form><?cs /if ?>
<form method="post" action="/admin/pools/<?cs var:Pool.id ?>/close" class="inline"><?cs
  call:csrf() ?><button type="submit">关闭配捐池</button></form></div><?cs /if ?>
<h2>最近 30 天</h2>
<svg class="chart" role="img" aria-label="最近 30 天每天的配捐金额" viewBox="0 0 <?cs
  var:Chart.w ?> <?cs var:Chart.h ?>" width="100%" height="120" preserveAspectRatio="none"><?cs
  each:d = Days ?><rect x="<?cs var:d.x ?>" y="<?cs var:d.y ?>" width="8" height="<?cs
  var:d.h ?>" fill="#d9822b"><title><?cs var:d.day ?>：¥<?cs var:d.amount ?></title></rect><?cs
  /each ?></svg>
<table class="list gifts"><thead><tr><th scope="col">日期</th><th scope="col">配捐笔数</th>
<th scope="col">配捐金额（元）</th></tr></thead><tbody>
<?cs each:d = Days ?><?cs if:d.gifts > 0 ?><tr><td data-label="日期"><?cs var:d.day ?></td>
<td data-label="配捐笔数" class="num"><?cs
  var:d.gifts ?></td>
<td data-label="配捐金额（元）" class="num"><?cs var:d.amount ?></td></tr><?cs /if ?><?cs /each ?>
</tbody></table>
<?cs include:"footer.cs" ?>
