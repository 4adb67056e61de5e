<?cs # admin-letter.cs — GET /admin/letters/{id}: one letter with the privacy check's findings, and
  what the role may do with it now: review, record its handing over, record the child's reply, add
  a photo of a drawing to a reply.
  needs: Letter.id Letter.code Letter.alias Letter.direction Letter.state Letter.state_label
    Letter.created Letter.reviewed Letter.delivered Letter.review_note Letter.body Letter.original
    Letter.reply_to Letter.findings Marked.*.text Marked.*.hit Marked.*.label Photos.*.name
    Photos.*.slot Photos.*.confirmed
    Replies.*.id Replies.*.state_label Visits.*.id Visits.*.visited_on Can.review Can.deliver
    Can.reply Can.upload Form.key Invalid.Form Invalid.Typed.decision
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1><?cs if:Letter.direction == "from_child" ?><?cs var:Letter.alias ?>的回信<?cs
  else ?>捐赠人写给<?cs var:Letter.alias ?>的信<?cs /if ?></h1>
<?cs call:error_summary() ?>
<p class="facts">孩子编号 <?cs var:Letter.code ?> · <?cs var:Letter.created ?> · <?cs
  var:Letter.state_label ?><?cs if:Letter.reply_to ?> · 回复<a href="/admin/letters/<?cs
  var:Letter.reply_to ?>">这封信</a><?cs /if ?></p>
<?cs if:Letter.findings > 0 ?>
<p class="error msg">隐私检查发现 <?cs var:Letter.findings ?> 处不能转交的内容（已在信中标出），修改之前不能通过。</p>
<p class="story"><?cs call:marked(Marked) ?></p>
<?cs else ?>
<p class="story"><?cs var:Letter.body ?></p>
<?cs /if ?>
<?cs if:Letter.original ?><details><summary>原文（审核修改前）</summary><p class="story"><?cs
  var:Letter.original ?></p></details><?cs /if ?>
<?cs if:Letter.state == "declined" ?><p class="note">未通过的理由：<?cs var:Letter.review_note ?></p><?cs /if ?>
<?cs if:Letter.state == "delivered" ?><p class="note"><?cs var:Letter.delivered ?> 已送到孩子手中。</p><?cs /if ?>
<?cs if:subcount(Photos) > 0 ?><h2>孩子的画</h2><p><?cs each:p = Photos ?><img src="/admin/photos/<?cs
  var:p.name ?>" alt="孩子的画（第 <?cs var:p.slot ?> 张）"><?cs
  if:p.confirmed == 1 ?><small>已确认</small><?cs /if ?> <?cs /each ?></p><?cs /if ?>
<?cs if:Can.upload ?>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>/photos" enctype="multipart/form-data" class="stack"><?cs
  call:csrf() ?>
<label for="photo">加一张孩子的画的照片（JPEG 或 PNG，最多 4 张；不要拍到人脸或钱）</label>
<input id="photo" type="file" name="photo" accept="image/jpeg,image/png" aria-required="true">
<button type="submit">上传</button>
</form>
<?cs /if ?>
<?cs #
  the edit and the child's reply share the letter's name: only the form posted is tied
?><?cs set:edit = Invalid.Form == "/admin/letters/{id}" && Invalid.Typed.decision == "edit" ?><?cs
  set:reply = Invalid.Form == "/admin/letters/{id}/reply" ?>
<?cs if:Can.review ?>
<h2>审核</h2>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="decision" value="approve">
<?cs each:p = Photos ?><label><input type="checkbox" name="photo_ok_<?cs var:p.slot ?>" value="1"> 第 <?cs
  var:p.slot ?> 张照片：看不清人脸，没有孩子拿着钱</label><?cs /each ?>
<button type="submit"<?cs if:Letter.findings > 0 ?> disabled<?cs /if ?>>通过</button>
</form>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="decision" value="edit">
<label>修改内容（删去联系方式、地址、钱物请求和真实姓名；原文会保留） <textarea<?cs
  call:field_of(!reply, "letter") ?> rows="8" maxlength="500" required><?cs
  call:again_of(edit, "letter", Letter.body) ?></textarea><?cs call:error_of(edit, "letter") ?></label>
<button type="submit">保存修改</button>
</form>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="decision" value="decline">
<label>不通过的理由（捐赠人会看到） <input type="text"<?cs call:field("reason") ?> maxlength="200"<?cs #
  ?> required<?cs call:typed("reason") ?>><?cs call:field_error("reason") ?></label>
<button type="submit" class="link">不通过</button>
</form>
<?cs /if ?>
<?cs if:Can.deliver ?>
<h2>登记送达</h2>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>/delivered" class="stack"><?cs call:csrf() ?>
<label>在哪次探访时转交（可不选） <select<?cs call:field("visit") ?>><option value="">单独转交</option><?cs
  each:v = Visits ?><option value="<?cs var:v.id ?>"<?cs if:Invalid.Typed.visit == v.id ?> selected<?cs
  /if ?>><?cs var:v.visited_on ?> 的探访</option><?cs /each ?></select><?cs
  call:field_error("visit") ?></label>
<button type="submit">信已送到孩子手中</button>
</form>
<?cs /if ?>
<?cs if:Can.reply ?>
<h2>登记孩子的回信</h2>
<form method="post" action="/admin/letters/<?cs var:Letter.id ?>/reply" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
<label>孩子的回信（照原样抄录，最多 500 字；审核后捐赠人才能看到） <textarea<?cs
  call:field_of(reply, "letter") ?> rows="8" maxlength="500" required><?cs
  call:again_of(reply, "letter", "") ?></textarea><?cs call:error_of(reply, "letter") ?></label>
<button type="submit">登记回信</button>
</form>
<?cs /if ?>
<?cs if:subcount(Replies) > 0 ?><h2>孩子的回信</h2><ul><?cs each:r = Replies ?><li><a href="/admin/letters/<?cs
  var:r.id ?>">回信 <?cs var:r.id ?></a>（<?cs var:r.state_label ?>）</li><?cs /each ?></ul><?cs /if ?>
<p><a href="/admin/letters">返回信件列表</a></p>
<?cs include:"footer.cs" ?>
