package bench;

import java.util.List;

record Result(int sent, int failed, double seconds, List<String> errors) {
}
