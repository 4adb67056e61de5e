<?cs # admin-activities.cs — GET /admin/activities: the themed activities within reach, newest first.
  needs: Activities.*.id Activities.*.title Activities.*.slug Activities.*.state_label
    Activities.*.region_name Activities.*.starts_on Activities.*.ends_on Activities.*.goal
    Activities.*.raised
?><?cs include:"header.cs" ?>
<h1>专题活动</h1>
<p><a href="/admin/activities/new">新建专题活动</a> · <a href="/activities">公开页面</a> · <a href="/admin/directed">定向捐赠</a></p>
<?cs if:subcount(Activities) == 0 ?><p>还没有专题活动。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">活动</th><th scope="col">地区</th>
<th scope="col">日期</th><th scope="col">状态</th><?cs #
?><th scope="col">已筹 / 目标（元）</th></tr></thead><tbody>
<?cs each:a = Activities ?><tr><td data-label="活动"><a href="/admin/activities/<?cs
  var:a.id ?>"><?cs var:a.title ?></a><?cs #
?> <small><?cs var:a.slug ?></small></td>
<td data-label="地区"><?cs var:a.region_name ?><?cs if:!a.region_name ?>全省<?cs
  /if ?></td><td data-label="日期"><?cs var:a.starts_on ?> 至 <?cs var:a.ends_on ?></td>
<td data-label="状态"><?cs var:a.state_label ?></td><?cs #
?><td data-label="已筹 / 目标（元）" class="num"><?cs var:a.raised ?> / <?cs
  var:a.goal ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs include:"footer.cs" ?>
