<?cs # disclosure.cs — GET /disclosure (信息公开): the charity, the filed plans and their numbers,
  documents, the programme's progress updates and each running item's last update.
  needs: Charity.Name Charity.CreditCode Charity.Qualification Charity.FilingNo Charity.Phone
    Charity.Address Charity.Email Docs.*.kind_label Docs.*.title Docs.*.name Docs.*.on_day
    Docs.*.activity Activities.*.slug Activities.*.title Activities.*.filing_no
    Activities.*.state_label Activities.*.starts_on Activities.*.ends_on Updates.*.posted_on
    Updates.*.body Items.*.kind Items.*.ref Items.*.title Items.*.last_update
?><?cs include:"header.cs" ?>
<h1>信息公开</h1>
<section>
<h2>慈善组织</h2>
<dl class="facts">
<dt>名称</dt><dd><?cs var:Charity.Name ?></dd>
<dt>统一社会信用代码</dt><dd><?cs var:Charity.CreditCode ?></dd>
<dt>公开募捐资格</dt><dd><?cs var:Charity.Qualification ?></dd>
<dt>联系电话</dt><dd><?cs var:Charity.Phone ?></dd>
<dt>地址</dt><dd><?cs var:Charity.Address ?></dd>
<dt>电子邮箱</dt><dd><?cs var:Charity.Email ?></dd>
</dl>
</section>
<section>
<h2>募捐方案与备案编号</h2>
<dl class="facts">
<dt>童享阳光助养计划</dt><dd>备案编号 <?cs var:Charity.FilingNo ?></dd>
<?cs each:a = Activities ?><dt><a href="/activities/<?cs var:a.slug ?>"><?cs var:a.title ?></a></dt>
<dd><?cs if:a.filing_no ?>备案编号 <?cs var:a.filing_no ?><?cs else ?>备案编号待公布<?cs /if ?>
· <?cs var:a.starts_on ?> 至 <?cs var:a.ends_on ?> · <?cs var:a.state_label ?></dd><?cs /each ?>
</dl>
</section>
<section>
<h2>公开文件</h2>
<?cs if:subcount(Docs) == 0 ?><p class="note">还没有公开文件。</p><?cs else ?>
<ul class="docs"><?cs each:d = Docs ?><li><a href="/files/disclosure/<?cs var:d.name ?>"><?cs
  var:d.title ?></a> <small><?cs var:d.kind_label ?> · <?cs if:d.activity ?><?cs
  var:d.activity ?><?cs else ?>童享阳光助养计划<?cs /if ?> · <?cs var:d.on_day ?> · PDF</small></li><?cs
  /each ?></ul><?cs /if ?>
</section>
<section>
<h2>项目进展</h2>
<p class="note">每个募捐项目在进行期间至少每 3 个月公开一次进展，结束后 3 个月内公开结项报告。</p>
<table class="list gifts"><thead><tr><th scope="col">项目</th>
<th scope="col">最近一次公开进展</th></tr></thead><tbody>
<?cs each:i = Items ?><tr><td data-label="项目"><?cs
  if:i.kind == "activity" ?><a href="/activities/<?cs
  var:i.ref ?>"><?cs var:i.title ?></a><?cs elif:i.kind == "page" ?><a href="/p/<?cs
  var:i.ref ?>"><?cs var:i.title ?></a><?cs else ?><?cs var:i.title ?><?cs /if ?></td>
<td data-label="最近一次公开进展"><?cs if:i.last_update ?><?cs var:i.last_update ?><?cs
  else ?>尚无<?cs /if ?></td></tr><?cs
  /each ?>
</tbody></table>
<?cs if:subcount(Updates) > 0 ?><h3>童享阳光助养计划的进展</h3>
<?cs each:u = Updates ?><article class="update"><h4><?cs var:u.posted_on ?></h4>
<p class="story"><?cs var:u.body ?></p></article><?cs /each ?><?cs /if ?>
</section>
<section>
<h2>收支明细</h2>
<p><a href="/disclosure/finance">查看每月收入与支出（收支明细）</a></p>
</section>
<?cs include:"footer.cs" ?>
