<?cs # admin-offline.cs — GET/POST /admin/offline: one offline gift entered (bank transfer, cash,
  cheque), with the receipt of the one just entered.
  needs: FormKey Channels.*.code Channels.*.label Counties UnitGroups.*.label
    UnitGroups.*.Units.*.id UnitGroups.*.Units.*.name Activities.*.slug Activities.*.title
    Done.receipt_no Done.receipt_code Done.again Done.amount Done.channel
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>登记线下捐赠</h1>
<?cs call:error_summary() ?>
<?cs if:Done.receipt_no ?>
<section class="ok">
<p><?cs if:Done.again == 1 ?>这张表单已经提交过，没有重复登记：<?cs else ?>已登记：<?cs /if ?><?cs
  var:Done.channel ?> <?cs var:Done.amount ?> 元，票据号 <b><?cs var:Done.receipt_no ?></b>。</p>
<p><a href="/receipts/<?cs var:Done.receipt_no ?>?code=<?cs var:Done.receipt_code ?>">查看捐赠票据</a> · <a
  href="/certificates/<?cs var:Done.receipt_no ?>?code=<?cs var:Done.receipt_code ?>">捐赠证书</a></p>
</section>
<?cs /if ?>
<p class="note">银行转账、现金和支票捐赠由工作人员在这里登记，和网上捐赠一样开具票据、计入捐赠查询。批量登记请用 <a
  href="/admin/offline/import">上传捐赠明细</a>。</p>
<form method="post" action="/admin/offline" class="stack"><?cs call:csrf() ?>
<input type="hidden" name="form_key" value="<?cs var:FormKey ?>">
<label>渠道 <select<?cs call:field("channel") ?>><?cs each:ch = Channels ?><option value="<?cs
  var:ch.code ?>"<?cs if:Invalid.Typed.channel == ch.code ?> selected<?cs /if ?>><?cs
  var:ch.label ?></option><?cs /each ?></select><?cs call:field_error("channel") ?></label>
<label>到账日期（不晚于今天，最早一年前） <input<?cs call:field("date") ?> type="date" aria-required="true"<?cs
  call:typed("date") ?>><?cs call:field_error("date") ?></label>
<label>金额（元） <input type="text"<?cs call:field("amount") ?> required maxlength="10"<?cs #
  ?> inputmode="decimal"<?cs call:typed("amount") ?>><?cs call:field_error("amount") ?></label>
<label>银行流水号或支票号（现金可不填） <input type="text"<?cs call:field("bank_ref") ?> maxlength="64"<?cs
  call:typed("bank_ref") ?>><?cs call:field_error("bank_ref") ?></label>
<label>捐赠人（不填为“爱心人士”） <input type="text"<?cs call:field("name") ?> maxlength="32"<?cs
  call:typed("name") ?>><?cs call:field_error("name") ?></label>
<label><input type="checkbox"<?cs call:field("anonymous") ?> value="1"<?cs
  if:Invalid.Typed.anonymous ?> checked<?cs /if ?>> 匿名（捐赠查询中显示为“爱心人士”）</label><?cs
  call:field_error("anonymous") ?>
<label>留言 <input type="text"<?cs call:field("message") ?> maxlength="200"<?cs
  call:typed("message") ?>><?cs call:field_error("message") ?></label>
<?cs # the counties by name, grouped by city for the province (regionsel.c), then the units by
  city
?><label>捐赠去向（不定向，或定向到一个区县、一个会员单位） <select<?cs call:field("target") ?>><?cs #
  ?><option value="all">不定向（助养基金）</option><?cs uvar:Counties ?><?cs
  each:g = UnitGroups ?><optgroup label="会员单位 · <?cs var:g.label ?>"><?cs #
  ?><?cs each:u = g.Units ?><option value="u<?cs var:u.id ?>"<?cs
  if:Invalid.Typed.target == "u" + u.id ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs
  /each ?></optgroup><?cs /each ?></select><?cs call:field_error("target") ?></label>
<?cs if:subcount(Activities) > 0 ?><label>专题活动（选择后以活动为去向） <select<?cs call:field("slug") ?>><option value="">（不是专题活动的捐赠）</option><?cs
  each:a = Activities ?><option value="<?cs var:a.slug ?>"<?cs if:Invalid.Typed.slug == a.slug ?><?cs #
  ?> selected<?cs /if ?>><?cs var:a.title ?></option><?cs /each ?></select><?cs
  call:field_error("slug") ?></label><?cs /if ?>
<button type="submit">登记并开具票据</button>
</form>
<?cs include:"footer.cs" ?>
