<?cs # admin-home.cs — GET /admin: the dashboard within the staff member's scope, with the care
  after pairing (children due a visit, visits and letters waiting; by county above a county); a
  volunteer's assigned children, due ones first, with the visit form's link.
  needs: Who.region_name Who.role Children.*.code Children.*.alias Children.*.gender_label
    Children.*.age Children.*.place Children.*.category_label Children.*.days_waiting Fig.pending
    Fig.holds Fig.waiting_long Fig.long_days Fig.paired_month Fig.funds_month Fig.owed
    Counties.*.name Counties.*.waiting Counties.*.pairing Counties.*.paired Counties.*.waiting_long
    Withheld.*.at Withheld.*.name Withheld.*.username Withheld.*.region_name Withheld.*.action
    Withheld.*.outside Withheld.*.elsewhere Children.*.paired Children.*.last_visit Children.*.due
    Care.due Care.due_days Care.visits_submitted Care.letters_pending Care.letters_approved
    Due.*.code Due.*.alias Due.*.place Due.*.last_visit Due.*.paired_on Due.*.volunteers
    Volunteers.*.name Volunteers.*.username Volunteers.*.org Volunteers.*.due
    CareCounties.*.name CareCounties.*.paired CareCounties.*.due CareCounties.*.visits_submitted
    CareCounties.*.letters_pending CareCounties.*.letters_approved
    Held.n Held.amount Held.days Reports.overdue Charts.paired.label Charts.funds.label
    Charts.places.label
    Dead.*.channel Dead.*.recipient Dead.*.subject Dead.*.attempts Dead.*.last_error Dead.*.queued
    Dead.*.dead
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"chart.cs" ?>
<h1>工作台 <small><?cs var:Who.region_name ?></small></h1>
<?cs if:Who.role == "volunteer" ?>
<h2>分配给我的孩子</h2>
<?cs if:subcount(Children) == 0 ?><p class="note">还没有分配给您的孩子。</p><?cs else ?>
<p class="note">超过 <?cs var:Care.due_days ?> 天没有探访（或结对后还没有探访）的孩子标为「需探访」，排在前面。</p>
<ul class="due"><?cs each:ch = Children ?><li><a href="/children/<?cs var:ch.code ?>"><strong><?cs
  var:ch.alias ?></strong></a> <small><?cs
  var:ch.code ?></small><?cs if:ch.due == 1 ?> <span class="state state-due">需探访</span><?cs /if ?>
<span class="facts"><?cs var:ch.gender_label ?> · <?cs var:ch.age ?>岁 · <?cs var:ch.place ?></span>
<span class="facts"><?cs if:ch.paired != 1 ?>尚未结对<?cs elif:ch.last_visit ?>上次探访：<?cs
  var:ch.last_visit ?><?cs else ?>结对后还没有探访<?cs /if ?></span><?cs if:ch.paired == 1 ?>
<a class="btn" href="/admin/visits/new?child=<?cs var:ch.code ?>">记录探访</a><?cs /if ?></li><?cs
  /each ?></ul><?cs /if ?>
<?cs else ?><?cs with:f = Fig ?>
<div class="stats">
<div><b><a href="/admin/pairings" aria-describedby="s-pending"><?cs var:f.pending ?></a></b><span id="s-pending">待审核结对</span></div>
<div><b><?cs var:f.holds ?></b><span>保留中（待支付）</span></div>
<div><b><?cs var:f.waiting_long ?></b><span>等待超过 <?cs var:f.long_days ?> 天</span></div>
<div><b><?cs var:f.paired_month ?></b><span>本月新结对</span></div>
<div><b>¥<?cs var:f.funds_month ?></b><span>本月助养款</span></div>
<div><b><a href="/admin/refunds" aria-describedby="s-owed"><?cs var:f.owed ?></a></b><span id="s-owed">待退款项</span></div>
</div><?cs /with ?>
<?cs # finance: money received and not paid out for too long ?><?cs if:Held.n > 0 ?>
<p class="alert" id="held-alert"><a href="/admin/finance#held"><?cs var:Held.n ?> 名儿童的善款<?cs #
?>到账超过 <?cs var:Held.days ?> 天仍未发放</a>，共 ¥<?cs var:Held.amount ?> 元。</p><?cs /if ?>
<?cs # 举报: reports in reach not answered within 5 working days ?><?cs if:Reports.overdue > 0 ?>
<p class="alert" id="reports-alert"><a href="/admin/reports?list_state=open"><?cs
  var:Reports.overdue ?> 条举报逾期未答复</a>，请尽快处理。</p><?cs /if ?>
<h2>趋势</h2>
<div class="charts"><?cs call:chart_columns(Charts.paired) ?><?cs call:chart_columns(Charts.funds) ?></div>
<h2>各区县</h2>
<?cs if:Charts.places.w ?><?cs call:chart_rows(Charts.places) ?><?cs /if ?>
<table class="list gifts"><thead><tr><th scope="col">区县</th><th scope="col">等待结对</th>
<th scope="col">结对中</th><th scope="col">已结对</th><?cs #
?><th scope="col">等待超过 180 天</th></tr></thead><tbody>
<?cs each:k = Counties ?><tr><td data-label="区县"><?cs var:k.name ?></td>
<td data-label="等待结对" class="num"><?cs
  var:k.waiting ?></td><td data-label="结对中" class="num"><?cs var:k.pairing ?></td>
<td data-label="已结对" class="num"><?cs
  var:k.paired ?></td>
<td data-label="等待超过 180 天" class="num"><?cs var:k.waiting_long ?></td></tr><?cs /each ?>
</tbody></table>
<h2>探访与书信</h2>
<?cs with:k = Care ?>
<div class="stats">
<div><b><?cs var:k.due ?></b><span>超过 <?cs var:k.due_days ?> 天未探访</span></div>
<div><b><a href="/admin/visits?status=submitted" aria-describedby="s-visits"><?cs var:k.visits_submitted ?></a></b><?cs #
?><span id="s-visits">待审核探访</span></div>
<div><b><a href="/admin/letters?letter_state=pending" aria-describedby="s-letters-pending"><?cs var:k.letters_pending ?></a></b><?cs #
?><span id="s-letters-pending">待审核信件</span></div>
<div><b><a href="/admin/letters?letter_state=approved" aria-describedby="s-letters-approved"><?cs var:k.letters_approved ?></a></b><?cs #
?><span id="s-letters-approved">待转交信件</span></div>
</div><?cs /with ?>
<?cs if:subcount(CareCounties) > 0 ?>
<table class="list gifts"><thead><tr><th scope="col">区县</th><th scope="col">已结对</th>
<th scope="col">超过 <?cs var:Care.due_days ?> 天未探访</th><?cs #
?><th scope="col">待审核探访</th><th scope="col">待审核信件</th><th scope="col">待转交信件</th></tr></thead><tbody>
<?cs each:k = CareCounties ?><tr><td data-label="区县"><?cs var:k.name ?></td>
<td data-label="已结对" class="num"><?cs
  var:k.paired ?></td>
<td data-label="超过 <?cs var:Care.due_days ?> 天未探访" class="num"><?cs var:k.due ?></td>
<td data-label="待审核探访" class="num"><?cs
  var:k.visits_submitted ?></td>
<td data-label="待审核信件" class="num"><?cs var:k.letters_pending ?></td>
<td data-label="待转交信件" class="num"><?cs
  var:k.letters_approved ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Due) > 0 ?>
<h3>需探访的孩子 <small>最久未探访的在前</small></h3>
<table class="list by-child gifts due-list"><thead><tr><th scope="col">孩子</th>
<th scope="col">所在地</th><th scope="col">上次探访</th><th scope="col">志愿者</th><?cs #
?></tr></thead><tbody>
<?cs each:d = Due ?><tr><td data-label="孩子" class="title"><a href="/admin/children/<?cs
  var:d.code ?>"><?cs var:d.alias ?></a> <small><?cs
  var:d.code ?></small></td><td data-label="所在地"><?cs var:d.place ?></td>
<td data-label="上次探访"><?cs if:d.last_visit ?><?cs
  var:d.last_visit ?><?cs else ?>从未（<?cs var:d.paired_on ?> 结对）<?cs /if ?></td>
<td data-label="志愿者"><?cs
  if:d.volunteers ?><?cs var:d.volunteers ?><?cs else ?>未分配<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Volunteers) > 0 ?>
<h3>需探访孩子最多的志愿者</h3>
<table class="list gifts"><thead><tr><th scope="col">志愿者</th><th scope="col">组织</th>
<th scope="col">需探访</th></tr></thead><tbody>
<?cs each:w = Volunteers ?><tr><td data-label="志愿者"><?cs var:w.name ?>（<?cs
  var:w.username ?>）</td><td data-label="组织"><?cs
  var:w.org ?></td><td data-label="需探访" class="num"><?cs var:w.due ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Withheld) > 0 ?>
<h2>待省级审核：未答复的跨区县身份证号核对</h2>
<p class="note">这些工作人员当天核对其他区县登记情况的次数已用完，系统没有告诉他们哪些身份证号已在其他区县登记。请核实来由，需要时转移档案。</p>
<table class="list gifts"><thead><tr><th scope="col">时间</th><th scope="col">工作人员</th>
<th scope="col">地区</th><th scope="col">内容</th></tr></thead><tbody>
<?cs each:w = Withheld ?><tr><td data-label="时间"><?cs var:w.at ?></td>
<td data-label="工作人员"><?cs var:w.name ?>（<?cs
  var:w.username ?>）</td><td data-label="地区"><?cs var:w.region_name ?></td>
<td data-label="内容"><?cs
  if:w.action == "child.withheld" ?>手工登记一个已在其他区县登记的身份证号<?cs else ?><?cs
  if:w.action == "import.held" ?>导入<?cs else ?>检查<?cs /if ?>台账：不在其档案中的 <?cs
  var:w.outside ?> 行，其中 <?cs var:w.elsewhere ?> 行已在其他区县登记<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Dead) > 0 ?>
<h2 id="dead-letters">未能送达的消息 <small>近 30 天</small></h2>
<p class="note">这些邮件和短信多次发送失败（或被对方拒收），系统已停止重试。请核对地址，必要时用其他方式联系捐赠人。</p>
<table class="gifts"><thead><tr><th scope="col">放弃时间</th><th scope="col">收件人</th><th scope="col">主题</th><?cs #
?><th scope="col">尝试次数</th><th scope="col">最后一次错误</th></tr></thead><tbody>
<?cs each:m = Dead ?><tr><td><?cs var:m.dead ?></td><td><?cs var:m.recipient ?>（<?cs
  if:m.channel == "sms" ?>短信<?cs else ?>邮件<?cs /if ?>）</td><td><?cs var:m.subject ?></td><td class="num"><?cs
  var:m.attempts ?></td><td><?cs var:m.last_error ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
