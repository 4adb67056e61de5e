<?cs # home.cs — GET /: what the programme is, live totals, and children who have waited longest.
  needs: Charity.Name Need Stats.paired Stats.waiting Stats.cities Stats.counties Stats.units
    Stats.raised Stats.paid Stats.orgs Stats.volunteers Stats.visits Children.*.code Children.*.alias Children.*.gender_label Children.*.age
    Children.*.place Children.*.category_label Children.*.days_waiting
    Children.*.sponsored_before Pools.matched Pools.pledged Progress.paired.w Progress.paid.w
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"chart.cs" ?>
<section class="hero">
<h1>让每一个困境儿童，都能享有阳光</h1>
<p>“童享阳光”困境儿童助养计划由<?cs var:Charity.Name ?>发起，省、市、县三级慈善会联动执行。
爱心人士与一名困境儿童一对一结对，每年资助 <strong><?cs var:Need ?> 元</strong>，
用于孩子的生活、教育和关爱；县级慈善会负责发放，志愿者定期探访并反馈。</p>
<p><a class="btn" href="/children">选择一个孩子结对</a></p>
</section>
<section class="stats" aria-label="项目实时数据">
<div><b><?cs var:Stats.paired ?></b><span>已结对儿童</span></div>
<div><b><?cs var:Stats.waiting ?></b><span>等待结对</span></div>
<div><b><?cs var:Stats.cities ?></b><span>覆盖市州</span></div>
<div><b><?cs var:Stats.counties ?></b><span>覆盖区县</span></div>
<div><b><?cs var:Stats.units ?></b><span>签约会员单位</span></div>
<div><b>¥<?cs var:Stats.raised ?></b><span>累计筹款（元）</span></div>
<div><b><a href="/disclosure/finance" aria-describedby="s-paid">¥<?cs var:Stats.paid ?></a></b><span id="s-paid">已发放（元）</span></div>
<div><b><?cs var:Stats.orgs ?></b><span>志愿者组织</span></div>
<div><b><?cs var:Stats.volunteers ?></b><span>志愿者</span></div>
<div><b><?cs var:Stats.visits ?></b><span>探访次数</span></div>
</section>
<section class="progresses" aria-label="项目进度">
<?cs call:chart_progress(Progress.paired, "结对进度：已结对儿童") ?>
<?cs call:chart_progress(Progress.paid, "善款发放：已发放") ?>
</section>
<?cs if:Pools.pledged ?><p class="pools">爱心企业和会员单位为捐赠配捐：已配捐 ¥<?cs
  var:Pools.matched ?> / ¥<?cs var:Pools.pledged ?></p><?cs /if ?>
<section>
<h2>帮助谁</h2>
<p>优先资助父母一方死亡、失踪、弃养、重度残疾、重病、服刑在押或强制戒毒家庭的孩子。孩子的信息来自民政部门的困境儿童台账，经监护人同意后才会以化名公开。</p>
</section>
<?cs if:subcount(Children) > 0 ?>
<section>
<h2>等待最久的孩子</h2>
<ul class="cards"><?cs each:ch = Children ?><?cs call:child_card(ch) ?><?cs /each ?></ul>
<p><a href="/children">查看全部等待结对的孩子 →</a></p>
</section>
<?cs /if ?>
<p class="fine"><a href="/report?item=home">举报</a>：发现虚假信息、善款使用或个人信息方面的问题，请告诉我们。</p>
<?cs include:"footer.cs" ?>
