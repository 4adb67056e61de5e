<?cs # donate.cs — GET /donate: a gift to the sponsorship fund, with preset amounts or any amount.
  needs: Presets.* Amount
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>我要捐赠</h1>
<p>捐给“童享阳光”助养基金，用于尚未结对的困境儿童。每一笔捐赠都有电子票据，并在<a href="/donations">捐赠查询</a>中公开。</p>
<form method="post" action="/donate" class="stack">
<?cs call:csrf() ?>
<?cs include:"gift-fields.cs" ?>
<button type="submit">去支付</button>
</form>
</section>
<?cs include:"footer.cs" ?>
