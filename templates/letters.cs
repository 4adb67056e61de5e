<?cs # letters.cs — GET /me/sponsorships/{id}/letters: the sponsor's letters to the child, the child's
  replies, and the form to write one.
  needs: Child.alias Child.code Form.action Form.key Form.max Form.pending_max Letters.*.direction
    Letters.*.state Letters.*.state_label Letters.*.created Letters.*.reviewed Letters.*.delivered
    Letters.*.review_note Letters.*.body Letters.*.edited Letters.*.Photos.*.name
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>给<?cs var:Child.alias ?>的信</h1>
<p class="facts">孩子编号 <?cs var:Child.code ?> · <a href="/children/<?cs var:Child.code ?>">孩子的介绍</a></p>
<p class="note">为了保护孩子和您，您和孩子的家庭不会知道彼此的联系方式：信里请不要写电话、地址、微信或 QQ，
也不要提出或答应钱物上的请求。每一封信（包括孩子的回信）都由慈善会工作人员先阅读审核，
必要时会删改不宜转交的内容，再由志愿者转交。</p>
<h2>写一封信</h2>
<form method="post" action="<?cs var:Form.action ?>" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
<label for="letter">想对孩子说的话（最多 <?cs var:Form.max ?> 字）</label>
<textarea id="letter" name="letter" rows="8" maxlength="<?cs var:Form.max ?>" required></textarea>
<p class="fine">同时等待审核的信最多 <?cs var:Form.pending_max ?> 封。</p>
<button type="submit">寄出</button>
</form>
<h2>往来的信</h2>
<?cs if:subcount(Letters) == 0 ?><p class="note">还没有信。写下第一封吧。</p><?cs /if ?>
<?cs each:l = Letters ?>
<section class="letter">
<?cs if:l.direction == "from_child" ?>
<h3><?cs var:Child.alias ?>的回信 <small><?cs var:l.reviewed ?></small></h3>
<p class="story"><?cs var:l.body ?></p>
<?cs each:p = l.Photos ?><img src="/me/photos/<?cs var:p.name ?>" alt="孩子的画"><?cs /each ?>
<?cs else ?>
<h3>我的信 <small><?cs var:l.created ?></small> <span class="state state-<?cs var:l.state ?>"><?cs
  var:l.state_label ?></span></h3>
<p class="story"><?cs var:l.body ?></p>
<?cs if:l.edited == "1" ?><p class="fine">工作人员审核时删改了一些不宜转交的内容，以上是转交给孩子的内容。</p><?cs /if ?>
<?cs if:l.state == "declined" ?><p class="fine">这封信没有通过审核，原因：<?cs var:l.review_note ?></p><?cs
  elif:l.state == "delivered" ?><p class="fine"><?cs var:l.delivered ?> 已送到孩子手中。</p><?cs
  elif:l.state == "pending" ?><p class="fine">工作人员审核后，志愿者会把信转交给孩子。</p><?cs /if ?>
<?cs /if ?>
</section>
<?cs /each ?>
<p><a href="/me">返回我的账户</a></p>
<?cs include:"footer.cs" ?>
