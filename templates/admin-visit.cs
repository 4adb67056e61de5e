<?cs # admin-visit.cs — GET /admin/visits/{id}: one visit; its author's edit, photos and submission;
  a reviewer's findings, summary edit, photo confirmation, approval and return. The field macros
  come with admin-visit-form.cs.
  needs: Visit.id Visit.code Visit.alias Visit.state Visit.state_label Visit.review_note
    Visit.findings Summary.*.text Summary.*.hit Summary.*.label Visit.visited_on Visit.kind_label Visit.care.* Visit.given_what
    Visit.given Visit.summary Visit.note Visit.author Visit.submitted_at Visit.reviewer
    Visit.reviewed_at Photos.*.name Photos.*.slot Photos.*.confirmed Visit.may_photo
    Visit.may_edit Visit.may_submit Visit.may_review
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs with:v = Visit ?>
<p class="crumb"><a href="/admin/visits">探访记录</a> › <?cs var:v.id ?></p>
<h1><?cs var:v.alias ?> <small><?cs var:v.code ?> · <?cs var:v.state_label ?></small></h1>
<?cs call:error_summary() ?>
<?cs if:v.state == "returned" ?><p class="problem" role="alert">退回修改：<?cs
  var:v.review_note ?></p><?cs /if ?>
<?cs if:v.findings > 0 ?><p class="problem" role="alert">隐私检查：摘要里有 <?cs
  var:v.findings ?> 处不能让捐赠人看到的内容，已在下面标出。修改摘要之前不能审核通过。</p><?cs /if ?>
<dl class="fields">
<dt>探访日期</dt><dd><?cs var:v.visited_on ?> · <?cs var:v.kind_label ?></dd>
<dt>关爱内容</dt><dd><?cs each:k = v.care ?><?cs var:k ?> <?cs /each ?></dd>
<?cs if:v.given_what || v.given ?><dt>送出</dt><dd><?cs var:v.given_what ?><?cs
  if:v.given ?> 现金 <?cs var:v.given ?> 元<?cs /if ?></dd><?cs /if ?>
<dt>给捐赠人的摘要</dt><dd class="story"><?cs call:marked(Summary) ?></dd>
<?cs if:v.note ?><dt>给工作人员的备注</dt><dd><?cs var:v.note ?></dd><?cs /if ?>
<dt>记录人</dt><dd><?cs var:v.author ?><?cs if:v.submitted_at ?>，提交于 <?cs
  var:v.submitted_at ?><?cs /if ?></dd>
<?cs if:v.reviewer ?><dt>审核人</dt><dd><?cs var:v.reviewer ?>，<?cs var:v.reviewed_at ?></dd><?cs /if ?>
</dl>
<?cs if:subcount(Photos) > 0 || v.may_photo ?><h2>照片</h2>
<?cs if:subcount(Photos) > 0 ?><ul class="cards"><?cs each:p = Photos ?><li class="card"><img src="/admin/photos/<?cs
  var:p.name ?>" alt="探访照片 <?cs var:p.slot ?>" width="160"><?cs
  if:p.confirmed ?> <small>已确认</small><?cs /if ?><?cs if:v.may_photo ?>
<form method="post" action="/admin/photos/<?cs var:p.name ?>/delete" class="inline"><?cs
  call:csrf() ?><button type="submit" class="link">删除</button></form><?cs /if ?></li><?cs
  /each ?></ul><?cs /if ?>
<?cs if:v.may_photo ?><form method="post" action="/admin/visits/<?cs var:v.id ?>/photos" enctype="multipart/form-data" class="stack"><?cs
  call:csrf() ?><label>添加照片（JPEG 或 PNG，最大 5 MB，最多 4 张） <input type="file" name="photo" accept="image/jpeg,image/png" aria-required="true"></label>
<p class="fine">需要监护人同意拍照。不要拍能认出孩子面孔的正脸，不要拍孩子手拿现金。</p>
<button type="submit">上传</button></form><?cs /if ?><?cs /if ?>
<?cs if:v.may_edit ?><h2>修改</h2>
<form method="post" action="/admin/visits/<?cs var:v.id ?>" class="stack cols"><?cs call:csrf() ?>
<?cs include:"admin-visit-form.cs" ?>
<button type="submit">保存</button>
<button type="submit" name="and_submit" value="1">保存并提交审核</button>
</form>
<?cs if:v.may_submit ?><form method="post" action="/admin/visits/<?cs var:v.id ?>/submit" class="inline"><?cs
  call:csrf() ?><button type="submit">不修改，直接提交审核</button></form><?cs /if ?><?cs /if ?>
<?cs if:v.may_review ?><h2>审核</h2>
<form method="post" action="/admin/visits/<?cs var:v.id ?>" class="stack"><?cs call:csrf() ?>
<label>修改摘要（修改会记入审计日志） <textarea<?cs call:field_of(!v.may_edit, "summary") ?> required<?cs #
  ?> minlength="20" maxlength="500" rows="6"><?cs call:again_of(!v.may_edit, "summary", v.summary) ?></textarea><?cs
  call:error_of(!v.may_edit, "summary") ?></label>
<button type="submit">保存摘要</button>
</form>
<form method="post" action="/admin/visits/<?cs var:v.id ?>/approve" class="stack"><?cs call:csrf() ?>
<?cs each:p = Photos ?><?cs if:!p.confirmed ?><label class="tick"><input type="checkbox" name="photo_ok_<?cs
  var:p.slot ?>" value="1"> 照片 <?cs var:p.slot ?>：看不出孩子的面孔，没有孩子手拿现金</label><?cs
  /if ?><?cs /each ?>
<p class="fine">没有勾选的照片不会给捐赠人看。</p>
<button type="submit">审核通过</button>
</form>
<form method="post" action="/admin/visits/<?cs var:v.id ?>/return" class="stack"><?cs call:csrf() ?>
<label>退回意见（必填） <input type="text"<?cs call:field("review_note") ?> required maxlength="200"<?cs
  call:typed("review_note") ?>><?cs call:field_error("review_note") ?></label>
<button type="submit" class="link">退回修改</button>
</form><?cs /if ?>
<?cs /with ?><?cs include:"footer.cs" ?>
