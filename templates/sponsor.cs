<?cs # sponsor.cs — GET /sponsor/{code}: how one-to-one sponsorship of this child works, and its two plans. ?><?cs include:"header.cs" ?><?cs with:ch = Children.0 ?>
<article class="profile">
<p class="crumb"><a href="/children/<?cs var:ch.code ?>">返回 <?cs var:ch.alias ?> 的介绍</a></p>
<h1>一对一助养 <?cs var:ch.alias ?></h1>
<p><?cs var:ch.gender_label ?> · <?cs var:ch.age ?>岁 · <?cs var:ch.place ?> · <?cs var:ch.category_label ?></p>
<h2>助养方式</h2>
<ul>
<li><b>按年支付</b>：每年 <?cs var:Plan.annual ?> 元，一次付清。</li>
<li><b>按月支付</b>：每月 <?cs var:Plan.monthly ?> 元，共 12 期。</li>
</ul>
<h2>结对流程</h2>
<ol>
<li>登录后选定孩子，系统为您保留 15 分钟；</li>
<li>选择助养方式并完成支付，获得电子捐赠票据；</li>
<li>县级慈善会审核结对，善款按年度发放到孩子家庭；</li>
<li>志愿者定期探访，您可以在“我的结对”中看到反馈。</li>
</ol>
<p class="note">在线结对与支付即将开放。如需现在结对，请拨打 <?cs var:Charity.Phone ?> 联系<?cs var:Charity.Name ?>。</p>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
