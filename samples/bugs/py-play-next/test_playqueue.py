from playqueue import PlayQueue


def test_songs_play_in_order():
    queue = PlayQueue(["a", "b", "c"])
    assert queue.now_playing() == "a"
    assert queue.skip() == "b"
    assert queue.skip() == "c"
    assert queue.skip() is None
    assert queue.now_playing() == "c"


def test_play_next_does_not_interrupt_the_current_song():
    queue = PlayQueue(["a", "b", "c"])
    queue.play_next("x")
    assert queue.now_playing() == "a"


def test_play_next_comes_right_after_the_current_song():
    queue = PlayQueue(["a", "b", "c"])
    queue.play_next("x")
    assert queue.upcoming() == ["x", "b", "c"]
    assert queue.skip() == "x"


def test_play_next_later_in_the_queue():
    queue = PlayQueue(["a", "b", "c", "d"])
    queue.skip()
    queue.skip()
    queue.play_next("x")
    assert queue.now_playing() == "c"
    assert queue.upcoming() == ["x", "d"]


def test_the_latest_play_next_plays_first():
    queue = PlayQueue(["a", "b"])
    queue.play_next("x")
    queue.play_next("y")
    assert queue.upcoming() == ["y", "x", "b"]


def test_play_next_on_the_last_song():
    queue = PlayQueue(["a", "b"])
    queue.skip()
    queue.play_next("x")
    assert queue.skip() == "x"
    assert queue.skip() is None


def test_add_goes_to_the_end():
    queue = PlayQueue(["a", "b"])
    queue.add("z")
    queue.play_next("x")
    assert queue.upcoming() == ["x", "b", "z"]
