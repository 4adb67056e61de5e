<?cs # page-new.cs — GET /pages/new: a donor starts a personal fundraising page (一起捐).
  needs: Form.pending_max
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>发起一起捐</h1>
<p>为“童享阳光”项目、一个专题活动，或助养几名困境儿童发起您的一起捐页面，邀请亲友一起捐赠。
页面经慈善会审核通过后公开；善款进入项目，每一笔都有电子票据。同时等待审核的页面最多 <?cs
  var:Form.pending_max ?> 个。</p>
<?cs call:error_summary() ?>
<form method="post" action="/pages/new" class="stack"><?cs call:csrf() ?>
<?cs include:"page-form.cs" ?>
<button type="submit">提交审核</button>
</form>
</section>
<?cs include:"footer.cs" ?>
