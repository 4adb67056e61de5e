<?cs # admin-home.cs — GET /admin: the dashboard within the staff member's scope; a volunteer's
  assigned children.
  needs: Who.region_name Who.role Children.*.code Children.*.alias Children.*.gender_label
    Children.*.age Children.*.place Children.*.category_label Children.*.days_waiting Fig.pending
    Fig.holds Fig.waiting_long Fig.long_days Fig.paired_month Fig.funds_month Fig.owed
    Counties.*.name Counties.*.waiting Counties.*.pairing Counties.*.paired Counties.*.waiting_long
    Withheld.*.at Withheld.*.name Withheld.*.username Withheld.*.region_name Withheld.*.action
    Withheld.*.outside Withheld.*.elsewhere
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>工作台 <small><?cs var:Who.region_name ?></small></h1>
<?cs if:Who.role == "volunteer" ?>
<h2>分配给我的孩子</h2>
<?cs if:subcount(Children) == 0 ?><p class="note">还没有分配给您的孩子。</p><?cs else ?>
<ul class="cards"><?cs each:ch = Children ?><?cs call:child_card(ch) ?><?cs /each ?></ul><?cs /if ?>
<?cs else ?><?cs with:f = Fig ?>
<div class="stats">
<div><b><a href="/admin/pairings"><?cs var:f.pending ?></a></b><span>待审核结对</span></div>
<div><b><?cs var:f.holds ?></b><span>保留中（待支付）</span></div>
<div><b><?cs var:f.waiting_long ?></b><span>等待超过 <?cs var:f.long_days ?> 天</span></div>
<div><b><?cs var:f.paired_month ?></b><span>本月新结对</span></div>
<div><b>¥<?cs var:f.funds_month ?></b><span>本月助养款</span></div>
<div><b><a href="/admin/refunds"><?cs var:f.owed ?></a></b><span>待退款项</span></div>
</div><?cs /with ?>
<h2>各区县</h2>
<table class="gifts"><thead><tr><th>区县</th><th>等待结对</th><th>结对中</th><th>已结对</th><?cs #
?><th>等待超过 180 天</th></tr></thead><tbody>
<?cs each:k = Counties ?><tr><td><?cs var:k.name ?></td><td class="num"><?cs
  var:k.waiting ?></td><td class="num"><?cs var:k.pairing ?></td><td class="num"><?cs
  var:k.paired ?></td><td class="num"><?cs var:k.waiting_long ?></td></tr><?cs /each ?>
</tbody></table>
<?cs if:subcount(Withheld) > 0 ?>
<h2>待省级审核：未答复的跨区县身份证号核对</h2>
<p class="note">这些工作人员当天核对其他区县登记情况的次数已用完，系统没有告诉他们哪些身份证号已在其他区县登记。请核实来由，需要时转移档案。</p>
<table class="gifts"><thead><tr><th>时间</th><th>工作人员</th><th>地区</th><th>内容</th></tr></thead><tbody>
<?cs each:w = Withheld ?><tr><td><?cs var:w.at ?></td><td><?cs var:w.name ?>（<?cs
  var:w.username ?>）</td><td><?cs var:w.region_name ?></td><td><?cs
  if:w.action == "child.withheld" ?>手工登记一个已在其他区县登记的身份证号<?cs else ?><?cs
  if:w.action == "import.held" ?>导入<?cs else ?>检查<?cs /if ?>台账：不在其档案中的 <?cs
  var:w.outside ?> 行，其中 <?cs var:w.elsewhere ?> 行已在其他区县登记<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
