(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("edition-data").textContent);
  var audio = document.getElementById("audio");
  var storyList = document.getElementById("stories");
  var transcript = document.getElementById("transcript");
  var playButton = document.getElementById("play");
  var seekBar = document.getElementById("seek");
  var timeLabel = document.getElementById("time");
  var speedButton = document.getElementById("speed");
  var SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var SPEED_KEY = "narrate.speed";
  var sentences = [];
  var storyButtons = [];
  var headings = [];
  var pending = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clock(ms) {
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    var mm = String(m % 60), ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + mm.padStart(2, "0") + ":" + ss : mm + ":" + ss;
  }
  function play() {
    var played = audio.play();
    if (played && played.catch) played.catch(function () {});
  }
  function seek(ms) {
    var t = ms / 1000 + 0.001;
    if (audio.readyState >= 1) { audio.currentTime = t; } else { pending = t; }
    play();
  }
  audio.addEventListener("loadedmetadata", function () {
    if (pending !== null) { audio.currentTime = pending; pending = null; }
    showTime();
  });

  // --- the controls: play, a seek bar that stays wide on a phone, speed remembered in the browser ---
  function duration() {
    return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : data.duration_ms / 1000;
  }
  function showTime() {
    var now = audio.currentTime, total = duration();
    seekBar.max = String(Math.round(total));
    if (!seeking) seekBar.value = String(Math.round(now));
    var text = clock(now * 1000) + " / " + clock(total * 1000);
    timeLabel.textContent = text;
    seekBar.setAttribute("aria-valuetext", clock(now * 1000) + " of " + clock(total * 1000));
  }
  function showPlaying() {
    var label = audio.paused ? "Play" : "Pause";
    playButton.textContent = label;
    playButton.setAttribute("aria-label", label);
  }
  function toggle() { if (audio.paused) { play(); } else { audio.pause(); } }
  var seeking = false;
  playButton.addEventListener("click", toggle);
  seekBar.addEventListener("input", function () { seeking = true; timeLabel.textContent = clock(seekBar.value * 1000) + " / " + clock(duration() * 1000); });
  seekBar.addEventListener("change", function () { seeking = false; audio.currentTime = Number(seekBar.value); });
  seekBar.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
  });
  audio.addEventListener("play", showPlaying);
  audio.addEventListener("pause", showPlaying);
  audio.addEventListener("timeupdate", showTime);

  function storedSpeed() {
    try {
      var saved = Number(window.localStorage.getItem(SPEED_KEY));
      return SPEEDS.indexOf(saved) >= 0 ? saved : 1;
    } catch (err) { return 1; }
  }
  function setSpeed(rate, remember) {
    audio.playbackRate = rate;
    audio.defaultPlaybackRate = rate;
    speedButton.textContent = rate + "×";
    speedButton.setAttribute("aria-label", "Playback speed " + rate + "×");
    if (remember) {
      try { window.localStorage.setItem(SPEED_KEY, String(rate)); } catch (err) { /* storage off: not remembered */ }
    }
  }
  speedButton.addEventListener("click", function () {
    var next = SPEEDS[(SPEEDS.indexOf(audio.playbackRate) + 1) % SPEEDS.length] || 1;
    setSpeed(next, true);
  });
  audio.addEventListener("ratechange", function () {
    if (SPEEDS.indexOf(audio.playbackRate) < 0) return;
    speedButton.textContent = audio.playbackRate + "×";
  });
  setSpeed(storedSpeed(), false);

  // Links act on Space as well as Enter, like every other control here.
  document.addEventListener("keydown", function (e) {
    var target = e.target;
    if (e.key === " " && target && target.tagName === "A" && target.hasAttribute("href")) {
      e.preventDefault();
      target.click();
    }
  });
  var skip = document.querySelector("a.skip");
  if (skip) skip.addEventListener("click", function (e) {
    e.preventDefault();
    document.getElementById("stories-heading").focus();
  });

  // --- the story list ---
  data.stories.forEach(function (story, i) {
    var li = el("li");
    var button = el("button", "story");
    button.type = "button";
    button.dataset.start = story.start_ms;
    button.appendChild(el("span", "n", i + 1));
    button.appendChild(el("span", "h", story.title));
    button.appendChild(el("span", "t", clock(story.start_ms)));
    var credit = [story.byline ? "By " + story.byline : "", story.publication || ""].filter(Boolean).join(" · ");
    if (credit) button.appendChild(el("span", "by", credit));
    button.addEventListener("click", function () { seek(story.start_ms); });
    li.appendChild(button);
    storyList.appendChild(li);
    storyButtons.push(button);
  });

  function storyAt(ms) {
    for (var i = 0; i < data.stories.length; i++) {
      if (ms >= data.stories[i].start_ms && ms < data.stories[i].end_ms) return i;
    }
    return -1;
  }

  // --- the transcript: each story under a heading that is a button; sentences one Tab stop in all ---
  var section = null, sectionStory = -2, p = null, lastParagraph = null;
  data.segments.forEach(function (seg) {
    var story = seg.kind === "intro" || seg.kind === "outro" ? -1 : storyAt(seg.start_ms);
    if (!section || story !== sectionStory) {
      section = el("section", "part");
      if (story >= 0) {
        var s = data.stories[story];
        section.id = "story-" + (story + 1);
        var h3 = el("h3");
        var heading = el("button", "heading", s.title);
        heading.type = "button";
        heading.dataset.start = s.start_ms;
        heading.addEventListener("click", function () { seek(s.start_ms); });
        h3.appendChild(heading);
        section.appendChild(h3);
        headings[story] = heading;
        var credit = el("p", "credit");
        credit.textContent = [s.byline ? "By " + s.byline : "", s.publication || ""].filter(Boolean).join(" · ");
        if (/^https?:\/\//.test(s.source_url || "")) {
          if (credit.textContent) credit.appendChild(document.createTextNode(" · "));
          var a = el("a", null, s.source_url);
          a.href = s.source_url;
          a.rel = "noopener noreferrer";
          credit.appendChild(a);
        }
        if (credit.firstChild) section.appendChild(credit);
      }
      transcript.appendChild(section);
      sectionStory = story;
    }
    if (seg.kind === "headline") {
      var owner = storyAt(seg.start_ms);
      if (owner >= 0 && headings[owner]) sentences.push({ start: seg.start_ms, end: seg.end_ms, node: headings[owner], heading: true });
      return; // the heading already shows it
    }
    var together = p && p.parentNode === section && seg.paragraph === lastParagraph &&
      (seg.kind === "body" || seg.kind === "quote") && !/intro|outro|standfirst/.test(p.className);
    if (together) {
      p.appendChild(document.createTextNode(" "));
    } else {
      p = el("p", "seg " + seg.kind);
      section.appendChild(p);
    }
    lastParagraph = seg.paragraph;
    seg.sentences.forEach(function (sentence, k) {
      if (k) p.appendChild(document.createTextNode(" "));
      var span = el("span", seg.kind === "quote" ? "sentence said" : "sentence", sentence.text);
      span.tabIndex = -1;
      span.setAttribute("role", "button");
      span.dataset.start = sentence.start_ms;
      span.dataset.end = sentence.end_ms;
      span.addEventListener("click", function () { seek(sentence.start_ms); });
      p.appendChild(span);
      sentences.push({ start: sentence.start_ms, end: sentence.end_ms, node: span });
    });
  });
  sentences.sort(function (a, b) { return a.start - b.start; });
  var spans = sentences.filter(function (s) { return !s.heading; }).map(function (s) { return s.node; });
  // One sentence is in the Tab order (the one playing, else the first); the arrow keys move between them.
  function rove(node, focus) {
    spans.forEach(function (span) { span.tabIndex = span === node ? 0 : -1; });
    if (focus) node.focus();
  }
  if (spans.length) rove(spans[0], false);
  transcript.addEventListener("keydown", function (e) {
    var at = spans.indexOf(e.target);
    if (at < 0) return;
    var to = null;
    if (e.key === "ArrowDown" || e.key === "ArrowRight") to = Math.min(spans.length - 1, at + 1);
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") to = Math.max(0, at - 1);
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = spans.length - 1;
    else if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(Number(e.target.dataset.start)); return; }
    if (to !== null) { e.preventDefault(); rove(spans[to], true); }
  });

  var current = null, currentStory = -1;
  function update() {
    var ms = audio.currentTime * 1000;
    var found = null;
    for (var i = 0; i < sentences.length; i++) {
      if (ms >= sentences[i].start && ms < sentences[i].end) { found = sentences[i]; break; }
    }
    if (found !== current) {
      if (current) current.node.classList.remove("current");
      if (found) {
        found.node.classList.add("current");
        if (!found.heading && transcript.contains(document.activeElement) === false) rove(found.node, false);
        var box = found.node.getBoundingClientRect();
        if (!audio.paused && (box.top < 200 || box.bottom > window.innerHeight - 40)) {
          found.node.scrollIntoView({ block: "center", behavior: "smooth" });
        }
      }
      current = found;
    }
    var story = storyAt(ms);
    if (story !== currentStory) {
      if (currentStory >= 0) storyButtons[currentStory].classList.remove("current");
      if (story >= 0) storyButtons[story].classList.add("current");
      currentStory = story;
    }
  }
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", function () { update(); showTime(); });
  function tick() { if (!audio.paused) { update(); requestAnimationFrame(tick); } }
  audio.addEventListener("play", function () { requestAnimationFrame(tick); });
  showTime();
  showPlaying();
  update();
})();
