<?cs # child.cs — GET /children/{code}: one child's public profile. Only public fields are ever in
  Child.
  needs: Child.code Child.alias Child.gender_label Child.age Child.place Child.category_label
    Child.status Child.status_label Child.days_waiting Child.need Child.story
    Child.sponsored_before
?><?cs include:"header.cs" ?><?cs with:ch = Child ?>
<article class="profile">
<p class="crumb"><a href="/children">选择孩子</a> › 编号 <?cs var:ch.code ?></p>
<h1><?cs var:ch.alias ?><small>（化名）</small></h1>
<dl class="facts">
<dt>性别</dt><dd><?cs var:ch.gender_label ?></dd>
<dt>年龄</dt><dd><?cs var:ch.age ?> 岁</dd>
<dt>所在地</dt><dd><?cs var:ch.place ?></dd>
<dt>困境类别</dt><dd><?cs var:ch.category_label ?></dd>
<dt>状态</dt><dd class="status-<?cs var:ch.status ?>"><?cs var:ch.status_label ?></dd>
<?cs if:ch.status == "waiting" ?><dt>已等待</dt><dd><?cs var:ch.days_waiting ?> 天</dd><?cs /if ?>
<?cs if:ch.sponsored_before == 1 ?><dt>曾获资助</dt><dd>这个孩子以前有过一对一资助人，结对已经结束，正在等待新的资助人。</dd><?cs /if ?>
<dt>助养标准</dt><dd><?cs var:ch.need ?> 元 / 年</dd>
</dl>
<h2>孩子的故事</h2>
<p class="story"><?cs var:ch.story ?></p>
<?cs if:ch.status == "waiting" ?>
<p><a class="btn" href="/sponsor/<?cs var:ch.code ?>">我要一对一助养这个孩子</a></p>
<p class="fine">每年 <?cs var:ch.need ?> 元，可一次付清或按月 250 元分 12 期支付。善款由县级慈善会发放，您将收到捐赠票据和探访反馈。</p>
<?cs else ?>
<p class="note">这个孩子目前不能结对。<a href="/children">看看其他等待结对的孩子</a></p>
<?cs /if ?>
<p class="fine"><a href="/report?item=child:<?cs var:Child.code ?>">举报</a>：这个页面有问题？请告诉我们。</p>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
