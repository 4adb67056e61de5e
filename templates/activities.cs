<?cs # activities.cs — GET /activities: the themed activities running and recently ended.
  needs: Activities.*.slug Activities.*.title Activities.*.state Activities.*.state_label
    Activities.*.region_name Activities.*.starts_on Activities.*.ends_on Activities.*.goal
    Activities.*.raised
?><?cs include:"header.cs" ?>
<h1>专题活动</h1>
<p>围绕一个主题、在一段时间里为困境儿童募捐，例如六一研学。每个活动都公开目标、已筹金额、项目进展和结项报告。</p>
<?cs if:subcount(Activities) == 0 ?><p class="note">现在没有正在进行的专题活动。</p><?cs else ?>
<ul class="activities">
<?cs each:a = Activities ?><li class="card"><a href="/activities/<?cs var:a.slug ?>">
<strong><?cs var:a.title ?></strong>
<span class="facts"><?cs var:a.region_name ?><?cs if:!a.region_name ?>全省<?cs /if ?> · <?cs
  var:a.starts_on ?> 至 <?cs var:a.ends_on ?> · <?cs var:a.state_label ?></span>
<span>已筹 ¥<?cs var:a.raised ?> / 目标 ¥<?cs var:a.goal ?></span>
</a></li>
<?cs /each ?></ul><?cs /if ?>
<?cs include:"footer.cs" ?>
