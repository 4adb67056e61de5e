<?cs # admin-home.cs — GET /admin: the dashboard within the staff member's scope; a volunteer's assigned children. ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>工作台 <small><?cs var:Who.region_name ?></small></h1>
<?cs if:Who.role == "volunteer" ?>
<h2>分配给我的孩子</h2>
<?cs if:subcount(Children) == 0 ?><p class="note">还没有分配给您的孩子。</p><?cs else ?>
<ul class="cards"><?cs each:ch = Children ?><?cs call:child_card(ch) ?><?cs /each ?></ul><?cs /if ?>
<?cs else ?><?cs with:f = Fig.0 ?>
<div class="stats">
<div><b><a href="/admin/pairings"><?cs var:f.pending ?></a></b><span>待审核结对</span></div>
<div><b><?cs var:f.holds ?></b><span>保留中（待支付）</span></div>
<div><b><?cs var:f.waiting_long ?></b><span>等待超过 <?cs var:f.long_days ?> 天</span></div>
<div><b><?cs var:f.paired_month ?></b><span>本月新结对</span></div>
<div><b>¥<?cs var:f.funds_month ?></b><span>本月助养款</span></div>
<div><b><a href="/admin/refunds"><?cs var:f.owed ?></a></b><span>待退款项</span></div>
</div><?cs /with ?>
<h2>各区县</h2>
<table class="gifts"><thead><tr><th>区县</th><th>等待结对</th><th>结对中</th><th>已结对</th><th>等待超过 180 天</th></tr></thead><tbody>
<?cs each:k = Counties ?><tr><td><?cs var:k.name ?></td><td class="num"><?cs var:k.waiting ?></td><td class="num"><?cs var:k.pairing ?></td><td class="num"><?cs var:k.paired ?></td><td class="num"><?cs var:k.waiting_long ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
